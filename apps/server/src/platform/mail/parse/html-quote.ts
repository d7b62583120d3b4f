/**
 * Folding quoted history and signatures in sanitized email HTML. sanitize-html's output is well
 * formed (every element closed, `<` `>` `"` `&` escaped in text and attributes), so a small tokenizer
 * builds an exact tree; the history marker (an element email-sanitize.ts tagged, or a line of text
 * such as "-----Original Message-----") is then wrapped together with everything after it in
 * `<div data-kefu-quote="history">`, and signatures in `<div data-kefu-quote="signature">`.
 */

interface Element {
  kind: 'element';
  name: string;
  attrs: string;
  marker?: string;
  children: Node[];
  parent: Element | null;
}
interface Text {
  kind: 'text';
  text: string;
  parent: Element;
}
type Node = Element | Text;

const voidTags = new Set(['br', 'hr', 'img', 'col', 'wbr']);
const blockTags = new Set(['p', 'div', 'blockquote', 'table', 'tr', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'hr', 'center', 'address', 'caption']);
const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&', '&nbsp;': ' ' };
const decode = (s: string) => s.replace(/&(?:lt|gt|quot|#39|amp|nbsp);/g, (e) => entities[e] ?? e);

function parseTree(html: string): Element {
  const root: Element = { kind: 'element', name: '#root', attrs: '', children: [], parent: null };
  let current = root;
  for (const [token, close, name, attrs] of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>|[^<]+|</g)) {
    if (!name) {
      current.children.push({ kind: 'text', text: token, parent: current });
      continue;
    }
    const tag = name.toLowerCase();
    if (close) {
      // Close up to the matching open element; a stray closer is ignored.
      let open: Element | null = current;
      while (open && open.name !== tag) open = open.parent;
      if (open && open.parent) current = open.parent;
      continue;
    }
    const markerMatch = /\sdata-kefu-marker="([a-z]+)"/.exec(attrs ?? '');
    const element: Element = {
      kind: 'element', name: tag, attrs: (attrs ?? '').replace(/\sdata-kefu-marker="[^"]*"/, ''), children: [], parent: current,
      ...(markerMatch ? { marker: markerMatch[1] } : {}),
    };
    current.children.push(element);
    if (!voidTags.has(tag)) current = element;
  }
  return root;
}

function serialize(node: Node): string {
  if (node.kind === 'text') return node.text;
  const inner = node.children.map(serialize).join('');
  if (node.name === '#root') return inner;
  if (voidTags.has(node.name)) return `<${node.name}${node.attrs} />`;
  return `<${node.name}${node.attrs}>${inner}</${node.name}>`;
}

const paragraphTags = new Set(['p', 'blockquote', 'table', 'ul', 'ol', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'hr']);

/** Plain text of a subtree: <div>, <tr>, <li> and <br> end a line, paragraphs leave a blank line, cells a tab. */
export function textOf(node: Node, skipQuotes = false): string {
  let out = '';
  let pre = 0;
  const breakLine = (count: number) => {
    let have = 0;
    while (have < out.length && out[out.length - 1 - have] === '\n') have++;
    if (out) out += '\n'.repeat(Math.max(0, count - have));
  };
  const walk = (n: Node) => {
    if (n.kind === 'text') {
      const text = decode(n.text);
      if (pre) out += text;
      else {
        const collapsed = text.replace(/[ \t\r\n]+/g, ' ');
        out += !out || /\s$/.test(out) ? collapsed.trimStart() : collapsed;
      }
      return;
    }
    if (skipQuotes && n.name === 'div' && /data-kefu-quote=/.test(n.attrs)) return;
    if (n.name === 'br') {
      out += '\n';
      return;
    }
    const lines = paragraphTags.has(n.name) ? 2 : blockTags.has(n.name) ? 1 : 0;
    if (lines) breakLine(lines);
    if (n.name === 'pre') pre++;
    for (const child of n.children) walk(child);
    if (n.name === 'pre') pre--;
    if (n.name === 'td' || n.name === 'th') out += '\t';
    if (lines) breakLine(lines);
  };
  walk(node);
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const historyText = [
  /^-{3,}\s*(original message|原始邮件|原始郵件|original|回复的原邮件)\s*-{3,}$/i,
  /^在.{1,200}写道[:：]$/,
  /^.{1,200}于.{1,100}写道[:：]$/,
  /^on\s.{1,250}\bwrote:$/i,
];
const headerBlock = /^\*?(from|发件人|寄件者)\s*\*?\s*[:：][\s\S]{1,400}\n\s*\*?(sent|date|发送时间|时间|日期|寄件日期)\s*\*?\s*[:：]/i;

function isHistoryText(text: string): boolean {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length > 400) return false;
  return historyText.some((re) => re.test(flat)) || headerBlock.test(text.trim());
}

/** Whether a subtree's raw text is at most `limit` characters, without walking all of a big one. */
function shortEnough(node: Element, limit: number): boolean {
  let budget = limit;
  const walk = (n: Node): boolean => {
    if (n.kind === 'text') return (budget -= n.text.length) >= 0;
    return n.children.every(walk);
  };
  return walk(node);
}

/** First history marker in document order: a tagged element, or the smallest element/text whose text is a quote header. */
function findHistory(node: Element): Node | null {
  for (const child of node.children) {
    if (child.kind === 'text') {
      if (isHistoryText(decode(child.text))) return child;
      continue;
    }
    if (child.marker === 'history') return child;
    if (shortEnough(child, 2000)) {
      const text = textOf(child);
      if (text.length <= 400 && isHistoryText(text)) return findHistory(child) ?? child;
    }
    const inner = findHistory(child);
    if (inner) return inner;
  }
  return null;
}

const isBlank = (n: Node) => (n.kind === 'text' ? decode(n.text).trim() === '' : n.name === 'br' || (n.name !== 'img' && textOf(n) === '' && !n.children.some((c) => c.kind === 'element' && c.name === 'img')));

function wrap(nodes: Node[], parent: Element, kind: 'history' | 'signature'): Element {
  const div: Element = { kind: 'element', name: 'div', attrs: ` data-kefu-quote="${kind}"`, children: nodes, parent };
  for (const n of nodes) n.parent = div;
  return div;
}

function foldHistory(root: Element): void {
  let marker = findHistory(root);
  if (!marker) return;
  // Lift the fold to the outermost element the marker starts: Outlook puts "From: … Sent:" in a
  // bordered div whose following siblings are the quoted message.
  while (marker.parent && marker.parent !== root) {
    const siblings: Node[] = marker.parent.children;
    const index = siblings.indexOf(marker);
    if (!siblings.slice(0, index).every(isBlank)) break;
    marker = marker.parent;
  }
  const parent = marker.parent as Element;
  const index = parent.children.indexOf(marker);
  const folded = parent.children.splice(index);
  parent.children.push(wrap(folded, parent, 'history'));
}

function foldSignatures(node: Element): void {
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!;
    if (child.kind === 'text') {
      // An RFC 3676 "-- " line in HTML: it and what follows up to the history are the signature.
      if (/^(--|-- )$/.test(decode(child.text).replace(/^\s*\n|\n\s*$/g, '').replace(/\u00a0/g, ' '))) {
        const rest = node.children.splice(i);
        node.children.push(wrap(rest, node, 'signature'));
        return;
      }
      continue;
    }
    if (child.name === 'div' && /data-kefu-quote=/.test(child.attrs)) continue;
    if (child.marker === 'signature') {
      node.children[i] = wrap([child], node, 'signature');
      continue;
    }
    foldSignatures(child);
  }
}

/** Sanitized HTML → the same HTML with history and signatures wrapped, plus its visible text. */
export function foldQuotes(sanitized: string): { html: string; text: string; visibleText: string } {
  const root = parseTree(sanitized);
  const text = textOf(root);
  foldHistory(root);
  foldSignatures(root);
  return { html: serialize(root), text, visibleText: textOf(root, true) };
}
