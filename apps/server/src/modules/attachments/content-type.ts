/**
 * What a file really is, from its first bytes. The uploader's claimed type is never trusted:
 * a "photo.png" that holds HTML is HTML, and is served so that no browser renders it.
 */

/** How many leading bytes detection looks at. */
export const SNIFF_BYTES = 8192;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const ooxml: Record<string, { dir: string; ext: string; type: string }> = {
  docx: { dir: 'word/', ext: '.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { dir: 'xl/', ext: '.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { dir: 'ppt/', ext: '.pptx', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
};

/** The markup openings a browser would take for HTML (WHATWG MIME sniffing), plus XML flavours. */
const htmlTags = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p', '!--', 'meta', 'img', 'object', 'embed', 'form', 'svg'];

function markupType(head: Buffer): string | undefined {
  let text = head.toString('latin1');
  if (text.startsWith('\xef\xbb\xbf')) text = text.slice(3);
  text = text.replace(/^[\s\0]+/, '').toLowerCase();
  if (!text.startsWith('<')) return undefined;
  if (text.startsWith('<?xml')) {
    if (/<svg[\s>/]/.test(text)) return 'image/svg+xml';
    if (/<html[\s>/]/.test(text)) return 'application/xhtml+xml';
    return 'application/xml';
  }
  if (/^<svg[\s>/]/.test(text)) return 'image/svg+xml';
  for (const tag of htmlTags) {
    if (text.startsWith(`<${tag}`)) {
      const next = text.charAt(tag.length + 1);
      if (next === '' || next === ' ' || next === '>' || next === '\t' || next === '\n' || next === '\r' || next === '/' || tag === '!--') return 'text/html';
    }
  }
  return undefined;
}

/** Text if the head is UTF-8 without control characters other than tab, newline, CR and form feed. */
function isPlainText(head: Buffer, complete: boolean): boolean {
  if (head.length === 0) return false;
  let bytes = head;
  if (!complete) {
    // The sniffed head may end inside a multi-byte character; drop that partial tail.
    let cut = bytes.length;
    for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
      const b = bytes[i]!;
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0) cut = i;
      break;
    }
    bytes = bytes.subarray(0, cut);
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decoded);
}

/**
 * Detects the content type from the first bytes (`head`, up to SNIFF_BYTES; `complete` when that
 * is the whole file). Zip-based Office files are told apart by their part names, or else by the
 * file name's extension (safe: they are only ever downloaded, never rendered).
 */
export function detectContentType(head: Buffer, filename: string, complete: boolean): string {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const names = head.toString('latin1');
    const lower = filename.toLowerCase();
    const kind = Object.values(ooxml).find((k) => names.includes(k.dir)) ?? Object.values(ooxml).find((k) => lower.endsWith(k.ext));
    return kind?.type ?? 'application/zip';
  }
  const markup = markupType(head);
  if (markup) return markup;
  if (isPlainText(head, complete)) return 'text/plain';
  return 'application/octet-stream';
}

/** Raster images a browser may show in place: they cannot carry script. */
const inlineTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Types a browser would render as a document with script; never served under their own name. */
const activeTypes = new Set(['text/html', 'image/svg+xml', 'application/xhtml+xml', 'application/xml']);

/** How a stored type is served: only raster images inline; markup only as opaque bytes. */
export function servingOf(contentType: string): { inline: boolean; contentType: string } {
  if (inlineTypes.has(contentType)) return { inline: true, contentType };
  if (activeTypes.has(contentType)) return { inline: false, contentType: 'application/octet-stream' };
  if (contentType === 'text/plain') return { inline: false, contentType: 'text/plain; charset=utf-8' };
  return { inline: false, contentType };
}
