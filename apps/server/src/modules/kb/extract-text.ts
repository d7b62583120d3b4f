/*
 * Text of attached documents, for search. PDF through unpdf (PDF.js, no native parts); Word,
 * Excel and PowerPoint files are zip archives of XML, read with fflate. Anything else, or a file
 * that fails to parse, gives '' — a broken attachment must never fail the upload.
 */
import { unzipSync, strFromU8 } from 'fflate';

/** Text kept per attachment: enough for search, small enough for the index. */
export const MAX_EXTRACTED_CHARS = 200_000;
/** Archive members larger than this are skipped, so a zip bomb cannot exhaust memory. */
const MAX_MEMBER_BYTES = 20 * 1024 * 1024;
const MAX_TOTAL_BYTES = 60 * 1024 * 1024;

const OOXML_PARTS: Record<string, RegExp> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': /^word\/(?:document|header\d*|footer\d*|footnotes)\.xml$/,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': /^xl\/(?:sharedStrings|worksheets\/sheet\d+)\.xml$/,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': /^ppt\/slides\/slide\d+\.xml$/,
};

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text runs of Office XML: paragraph and row ends become line breaks, tags go. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<\/(?:w:p|a:p|row|si)>|<w:br\/>|<w:tab\/>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return XML_ENTITIES[e.toLowerCase()] ?? ' ';
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function officeText(bytes: Uint8Array, parts: RegExp): string {
  let total = 0;
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (!parts.test(f.name) || f.originalSize > MAX_MEMBER_BYTES || total + f.originalSize > MAX_TOTAL_BYTES) return false;
      total += f.originalSize;
      return true;
    },
  });
  return Object.keys(files)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => xmlText(strFromU8(files[name]!)))
    .join('\n');
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const doc = await getDocumentProxy(bytes);
  try {
    const { text } = await extractText(doc, { mergePages: true });
    return text;
  } finally {
    await doc.destroy();
  }
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The searchable text of a file of the given (detected) type; '' when it has none or cannot be read. */
export async function extractText(bytes: Uint8Array, contentType: string): Promise<string> {
  try {
    let text = '';
    if (contentType === 'application/pdf') text = await pdfText(bytes);
    else if (OOXML_PARTS[contentType]) text = officeText(bytes, OOXML_PARTS[contentType]!);
    else if (contentType.startsWith('text/plain')) text = new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_EXTRACTED_CHARS * 4));
    return text.replace(CONTROL, ' ').slice(0, MAX_EXTRACTED_CHARS);
  } catch {
    return '';
  }
}
