const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * The plain editor's text as simple HTML: a blank line starts a paragraph, a single line break
 * stays a break. Everything typed is escaped, so `<b>` is shown as written, not as markup.
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((para) => para.replace(/^\n+|\s+$/g, ''))
    .filter((para) => para.trim())
    .map((para) => `<p>${para.replace(/[&<>"]/g, (c) => escapes[c]!).split('\n').join('<br />')}</p>`)
    .join('');
}

/** Inserts `insert` over the selection of `value`, returning the new text and where the cursor goes. */
export function insertAt(value: string, start: number, end: number, insert: string) {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + insert + value.slice(to), cursor: from + insert.length };
}
