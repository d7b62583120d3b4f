import { cannedResponsePlaceholders, type CannedResponseContext, type RenderedCannedResponse } from '@kefu/contracts';
import { htmlToText, sanitizeHtml } from '../../platform/http/sanitize.js';

const known = new Set<string>(cannedResponsePlaceholders);
const placeholder = /\{\{\s*([^{}\s]{1,100})\s*\}\}/g;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]!);

function valueOf(context: CannedResponseContext, key: string): string | undefined {
  if (!known.has(key)) return undefined;
  const [group, field] = key.split('.') as [string, string];
  const value = (context as Record<string, Record<string, unknown> | undefined>)[group]?.[field];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * Fills `{{customer.name}}`-style placeholders in a canned response body. Values are HTML-escaped,
 * and the result is sanitized again because a value can land inside an attribute (an href) where
 * escaping alone does not stop a `javascript:` URL. A placeholder that is unknown or has no value
 * stays visible as typed, so the agent notices it before sending rather than the customer reading
 * a silently shortened sentence.
 */
export function renderCannedResponse(body: string, context: CannedResponseContext): RenderedCannedResponse {
  const unresolved = new Set<string>();
  const filled = body.replace(placeholder, (match, key: string) => {
    const value = valueOf(context, key);
    if (value === undefined) {
      unresolved.add(key);
      return match;
    }
    return escapeHtml(value);
  });
  const html = sanitizeHtml(filled);
  return { html, text: htmlToText(html), unresolved: [...unresolved] };
}
