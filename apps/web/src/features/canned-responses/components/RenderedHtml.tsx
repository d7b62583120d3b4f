import type { CSSProperties } from 'react';

/**
 * Shows HTML rendered by the server. It is safe to insert: the server builds it from its allow-list
 * sanitizer (no scripts, handlers or non-http links) after escaping every placeholder value.
 */
export function RenderedHtml({ html, style }: { html: string; style?: CSSProperties }) {
  return <div className="kefu-rendered-html" style={{ lineHeight: 1.7, wordBreak: 'break-word', ...style }} dangerouslySetInnerHTML={{ __html: html }} />;
}
