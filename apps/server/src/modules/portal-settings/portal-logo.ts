import { createHash } from 'node:crypto';
import sanitize from 'sanitize-html';
import { portalLimits } from '@kefu/contracts';
import { invalidField } from '../../platform/http/app-error.js';

export interface Logo {
  bytes: Buffer;
  type: string;
  hash: string;
}

/** Raster formats are recognised by their first bytes, never by what the data URL claims. */
const signatures: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/**
 * SVG is a document that can run script, load other resources and carry event handlers. A logo
 * keeps only drawing: shapes, paths, gradients, text, with presentation attributes. Everything
 * else (script, foreignObject, <use> or <image> pointing elsewhere, on* handlers, style blocks
 * with url()) is dropped. The route serves it with a CSP that forbids script as well.
 */
const svgTags = [
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'defs',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'title', 'desc',
];
const svgAttributes = [
  'xmlns', 'viewBox', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points',
  'fill', 'fill-rule', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-opacity',
  'opacity', 'transform', 'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'id', 'clip-path',
  'clip-rule', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'preserveAspectRatio', 'version',
];
/** Paint may reference a gradient in the same file (`url(#id)`), nothing outside it. */
const safeValue = (v: string) => /^(?:url\(#[A-Za-z0-9_-]+\)|[^()]*)$/.test(v) && !/javascript:|data:|&#/i.test(v);

export function sanitizeSvg(svg: string): string {
  return sanitize(svg, {
    allowedTags: svgTags,
    allowedAttributes: { '*': svgAttributes },
    allowedSchemes: [],
    // XML mode keeps the camelCase names SVG needs (viewBox, linearGradient) as written.
    parser: { xmlMode: true, lowerCaseTags: false, lowerCaseAttributeNames: false },
    nonTextTags: ['script', 'style', 'foreignObject', 'iframe', 'object', 'embed', 'noscript'],
    transformTags: {
      '*': (tagName, attribs) => ({ tagName, attribs: Object.fromEntries(Object.entries(attribs).filter(([, v]) => safeValue(v))) }),
    },
  }).trim();
}

/** A logo from the admin's data URL: a real image of an allowed kind, at most 200 KB, SVG made inert. */
export function parseLogo(dataUrl: string): Logo {
  const m = /^data:(image\/(?:png|jpeg|webp|gif|svg\+xml));base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!m) throw invalidField('logo', 'must be a PNG, JPEG, WebP, GIF or SVG image as a base64 data URL');
  let bytes = Buffer.from(m[2]!, 'base64');
  if (bytes.length === 0) throw invalidField('logo', 'is empty');
  if (bytes.length > portalLimits.logoBytes) throw invalidField('logo', 'is larger than 200 KB');
  let type: string;
  if (m[1] === 'image/svg+xml') {
    const text = bytes.toString('utf8');
    if (!/<svg[\s>]/i.test(text)) throw invalidField('logo', 'is not an SVG image');
    const clean = sanitizeSvg(text.replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/i, '').trim());
    if (!/^<svg[\s>]/.test(clean)) throw invalidField('logo', 'is not an SVG image');
    bytes = Buffer.from(clean, 'utf8');
    type = 'image/svg+xml';
  } else {
    const found = signatures.find((s) => s.test(bytes));
    if (!found) throw invalidField('logo', 'is not a PNG, JPEG, WebP or GIF image');
    type = found.type;
  }
  return { bytes, type, hash: createHash('sha256').update(bytes).digest('hex') };
}
