/**
 * Builders for the hostile messages too big to commit as fixtures: created in memory by the tests
 * (and not by the benchmark, whose corpus is the committed fixtures).
 */
const CRLF = '\r\n';
const head = (subject: string, contentType: string) =>
  `From: Big Sender <big@example.com>${CRLF}To: support@kefu.test${CRLF}Subject: ${subject}${CRLF}Message-ID: <${subject.slice(0, 40).replace(/\W+/g, '-')}@example.com>${CRLF}MIME-Version: 1.0${CRLF}Content-Type: ${contentType}${CRLF}`;

/** A message of about `bytes` bytes: a short text part and one base64 attachment filling the rest. */
export function largeMail(bytes: number): Buffer {
  const boundary = 'large_boundary';
  const top = Buffer.from(`${head('large message', `multipart/mixed; boundary="${boundary}"`)}${CRLF}--${boundary}${CRLF}Content-Type: text/plain${CRLF}${CRLF}See the attached archive.${CRLF}--${boundary}${CRLF}Content-Type: application/zip; name="big.zip"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`);
  const tail = Buffer.from(`${CRLF}--${boundary}--${CRLF}`);
  const lineBytes = 78; // 76 base64 characters and CRLF
  const lines = Math.max(1, Math.floor((bytes - top.length - tail.length) / lineBytes));
  const line = Buffer.from(`${Buffer.alloc(57, 0x5a).toString('base64')}${CRLF}`);
  const body = Buffer.alloc(lines * lineBytes);
  for (let i = 0; i < lines; i++) line.copy(body, i * lineBytes);
  return Buffer.concat([top, body, tail]);
}

/** multipart/mixed with `parts` leaf parts: the first is the text, the others tiny attachments. */
export function manyPartsMail(parts: number): Buffer {
  const boundary = 'many_boundary';
  const chunks = [`${head('many parts', `multipart/mixed; boundary="${boundary}"`)}${CRLF}`, `--${boundary}${CRLF}Content-Type: text/plain${CRLF}${CRLF}Body of a message with many parts.${CRLF}`];
  for (let i = 1; i < parts; i++) chunks.push(`--${boundary}${CRLF}Content-Type: text/csv; name="p${i}.csv"${CRLF}Content-Disposition: attachment; filename="p${i}.csv"${CRLF}${CRLF}${i}${CRLF}`);
  chunks.push(`--${boundary}--${CRLF}`);
  return Buffer.from(chunks.join(''));
}

/**
 * Messages nested `depth` deep: each level an inline message/rfc822 (a forward of a forward…), or a
 * multipart/mixed inside a multipart/mixed, with a text part at the bottom.
 */
export function nestedMail(depth: number, kind: 'rfc822' | 'multipart'): Buffer {
  let inner = `Subject: level ${depth}${CRLF}Content-Type: text/plain${CRLF}${CRLF}The innermost text.${CRLF}`;
  for (let level = depth - 1; level >= 1; level--) {
    if (kind === 'rfc822') {
      inner = `Subject: level ${level}${CRLF}Content-Type: message/rfc822${CRLF}Content-Disposition: inline${CRLF}${CRLF}${inner}`;
    } else {
      const b = `nest_${level}`;
      inner = `Content-Type: multipart/mixed; boundary="${b}"${CRLF}${CRLF}--${b}${CRLF}${inner}${CRLF}--${b}--${CRLF}`;
    }
  }
  const b = 'nest_0';
  return Buffer.from(`${head(`nested ${kind} ${depth}`, `multipart/mixed; boundary="${b}"`)}${CRLF}--${b}${CRLF}${inner}${CRLF}--${b}--${CRLF}`);
}

/** A header line of `bytes` bytes, in the message header or in a part's header. */
export function longHeaderMail(bytes: number, where: 'message' | 'part' | 'subject'): Buffer {
  const filler = 'x'.repeat(bytes);
  if (where === 'subject') return Buffer.from(`${head(filler, 'text/plain')}${CRLF}Body after a huge subject.${CRLF}`);
  if (where === 'message') return Buffer.from(`${head('long header', 'text/plain')}X-Junk: ${filler}${CRLF}${CRLF}Body after a huge header.${CRLF}`);
  const b = 'long_part';
  return Buffer.from(`${head('long part header', `multipart/mixed; boundary="${b}"`)}${CRLF}--${b}${CRLF}Content-Type: text/plain${CRLF}X-Junk: ${filler}${CRLF}${CRLF}Part body.${CRLF}--${b}--${CRLF}`);
}
