/*
 * Most rich text people send is already plain: paragraphs, line breaks, bold, lists, no attributes.
 * Running it through the full sanitizer (an HTML parser) was the largest single cost of opening a
 * ticket, so markup made only of those pieces is recognised by a strict scan and returned in the
 * sanitizer's exact output form. Anything else — an attribute, an entity other than &amp; &lt; &gt;,
 * a tag the parser would close implicitly, deep nesting — answers null and takes the full sanitizer.
 * simple-html.test.ts checks the equality against sanitize-html on generated input.
 */

const inline = new Set(['strong', 'em', 'u', 's', 'code']);
const block = new Set(['p', 'ul', 'ol', 'li', 'blockquote', 'pre']);
const maxDepth = 10;
const token = /<(\/?)([a-z]+)\s*(\/?)>|&(?:amp|lt|gt);|[^<>&]+/y;

/** The sanitizer's output for `html` when it is simple markup, else null. */
export function simpleSafeHtml(html: string): string | null {
  const stack: string[] = [];
  let out = '';
  token.lastIndex = 0;
  while (token.lastIndex < html.length) {
    const start = token.lastIndex;
    const m = token.exec(html);
    if (!m) return null;
    const [text, closing, name, selfClosing] = m;
    if (!name) {
      const parent = stack[stack.length - 1];
      if ((parent === 'ul' || parent === 'ol') && text.trim()) return null;
      out += text;
      continue;
    }
    if (name === 'br') {
      if (closing) return null;
      out += '<br />';
      continue;
    }
    if (selfClosing || text !== `<${closing}${name}>` || !(inline.has(name) || block.has(name))) return null;
    if (closing) {
      if (stack.pop() !== name) return null;
    } else {
      // The parser closes an open <p> (or <li>) itself when a block opens inside it: not simple.
      if (block.has(name) && stack.some((open) => open === 'p' || inline.has(open))) return null;
      if (name === 'li' ? stack[stack.length - 1] !== 'ul' && stack[stack.length - 1] !== 'ol' : stack[stack.length - 1] === 'ul' || stack[stack.length - 1] === 'ol') return null;
      if (stack.length >= maxDepth) return null;
      stack.push(name);
    }
    out += html.slice(start, token.lastIndex);
  }
  return stack.length === 0 ? out.trim() : null;
}
