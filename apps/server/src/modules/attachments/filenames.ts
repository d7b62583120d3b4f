import { attachmentLimits } from '@kefu/contracts';

// C0/C1 controls, and the bidirectional overrides that make "evil\u202Efdp.exe" read as "evil.exe.pdf".
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * An uploaded file's name as we store and offer it: NFC (so macOS and Windows spellings of 发票
 * match), without controls, only its last path segment, at most 255 characters, never empty.
 */
export function cleanFilename(raw: string): string {
  const normalized = raw.normalize('NFC').replace(unsafeCharacters, '');
  const lastSegment = normalized.split(/[/\\]/).pop() ?? '';
  let name = lastSegment.trim();
  if (/^\.*$/.test(name)) name = '';
  const chars = Array.from(name);
  if (chars.length > attachmentLimits.filename) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keepExt = ext.length > 0 && ext.length <= 16 ? ext : [];
    name = chars.slice(0, attachmentLimits.filename - keepExt.length).join('') + keepExt.join('');
  }
  return name || 'attachment';
}

/** RFC 5987 attr-char: everything else is percent-encoded from UTF-8. */
const encodeRfc5987 = (s: string) =>
  Array.from(Buffer.from(s, 'utf8'))
    .map((b) => (/[A-Za-z0-9!#$&+\-.^_`|~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

/** A plain stand-in for clients that ignore `filename*`: letters, digits and a few marks only. */
const asciiFallback = (s: string) => {
  const plain = (x: string) => x.replace(/[^A-Za-z0-9._\-() ]/g, '_');
  const dot = s.lastIndexOf('.');
  return /[A-Za-z0-9]/.test(s.slice(0, dot > 0 ? dot : undefined)) ? plain(s) : `attachment${dot > 0 ? plain(s.slice(dot)) : ''}`;
};

/** `inline` or `attachment`, with a plain fallback name and the exact UTF-8 name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  return `${kind}; filename="${asciiFallback(filename)}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
