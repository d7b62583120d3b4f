/**
 * uuencoded files in a text body (old Outlook Express and Unix mailers): `begin 644 name` … `end`.
 * Each complete block is cut out of the text and returned as a file; a `begin` line without its
 * `end` stays text. One pass over the lines, whatever the input.
 */
const beginLine = /^begin [0-7]{3,4} ([^\r\n]{1,255})$/;
const dataLine = /^[\x20-\x60]{1,62}$/;

function decodeLine(line: string): Buffer {
  const length = (line.charCodeAt(0) - 32) & 0x3f;
  const out = Buffer.alloc(length);
  let o = 0;
  for (let i = 1; o < length; i += 4) {
    const c = [0, 1, 2, 3].map((k) => ((line.charCodeAt(i + k) || 32) - 32) & 0x3f);
    const bytes = [(c[0]! << 2) | (c[1]! >> 4), ((c[1]! & 0xf) << 4) | (c[2]! >> 2), ((c[2]! & 0x3) << 6) | c[3]!];
    for (const b of bytes) if (o < length) out[o++] = b;
  }
  return out;
}

export function extractUuencoded(text: string): { text: string; files: { filename: string; content: Buffer }[] } {
  if (!/^begin [0-7]{3,4} /m.test(text)) return { text, files: [] };
  const lines = text.split('\n');
  const kept: string[] = [];
  const files: { filename: string; content: Buffer }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = beginLine.exec(lines[i]!.replace(/\r$/, ''));
    if (!begin) {
      kept.push(lines[i]!);
      continue;
    }
    let j = i + 1;
    const data: string[] = [];
    while (j < lines.length && dataLine.test(lines[j]!.replace(/\r$/, '')) && !/^end\s*$/.test(lines[j]!)) data.push(lines[j++]!.replace(/\r$/, ''));
    if (j < lines.length && /^end\s*$/.test(lines[j]!)) {
      files.push({ filename: begin[1]!.trim(), content: Buffer.concat(data.filter((l) => l !== '`').map(decodeLine)) });
      i = j;
    } else {
      kept.push(lines[i]!);
    }
  }
  return { text: kept.join('\n').replace(/\n{3,}/g, '\n\n').trim(), files };
}
