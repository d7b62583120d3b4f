/** Attachment file names made safe to store and to offer for download. */

const extensions: Record<string, string> = {
  'text/plain': 'txt', 'text/html': 'html', 'text/csv': 'csv', 'text/calendar': 'ics', 'text/rfc822-headers': 'txt',
  'message/rfc822': 'eml', 'message/delivery-status': 'txt', 'application/pdf': 'pdf', 'application/zip': 'zip',
  'application/msword': 'doc', 'application/vnd.ms-excel': 'xls', 'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/ms-tnef': 'dat', 'application/vnd.ms-tnef': 'dat', 'application/json': 'json', 'application/xml': 'xml',
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp', 'image/svg+xml': 'svg',
  'image/tiff': 'tif', 'audio/mpeg': 'mp3', 'audio/amr': 'amr', 'video/mp4': 'mp4', 'application/x-rar-compressed': 'rar',
  'application/x-7z-compressed': '7z', 'application/gzip': 'gz',
};

const mimeByExtension: Record<string, string> = Object.fromEntries(
  Object.entries(extensions).filter(([type]) => !type.startsWith('message/') && type !== 'text/rfc822-headers' && type !== 'application/vnd.ms-tnef').map(([type, ext]) => [ext, type]),
);
mimeByExtension.jpeg = 'image/jpeg';
mimeByExtension.htm = 'text/html';
mimeByExtension.exe = 'application/x-msdownload';

export function extensionFor(contentType: string): string {
  return extensions[contentType.toLowerCase()] ?? 'bin';
}

export function contentTypeFor(filename: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(filename)?.[1]?.toLowerCase();
  return (ext && mimeByExtension[ext]) ?? 'application/octet-stream';
}

const MAX_NAME = 180;

/**
 * The last path segment only (`..\..\x.exe` → `x.exe`), no control or reserved characters, no
 * leading dots, length capped with the extension kept; a missing name becomes `attachment-N.ext`.
 */
export function safeFilename(name: string | undefined, index: number, contentType: string): string {
  let base = (name ?? '').split(/[\\/]/).pop() ?? '';
  base = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!base) return `attachment-${index}.${extensionFor(contentType)}`;
  if (base.length > MAX_NAME) {
    const ext = /\.[a-z0-9]{1,10}$/i.exec(base)?.[0] ?? '';
    base = base.slice(0, MAX_NAME - ext.length) + ext;
  }
  return base;
}
