import { describe, expect, it } from 'vitest';
import { parseLogo, sanitizeSvg } from './portal-logo.js';

const dataUrl = (type: string, bytes: Buffer | string) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('portal logo', () => {
  it('accepts a PNG by its bytes and names its real type', () => {
    const logo = parseLogo(dataUrl('image/png', PNG));
    expect(logo.type).toBe('image/png');
    expect(logo.bytes.equals(PNG)).toBe(true);
    expect(logo.hash).toMatch(/^[0-9a-f]{64}$/);
    // A JPEG label on PNG bytes is stored as what it is.
    expect(parseLogo(dataUrl('image/jpeg', PNG)).type).toBe('image/png');
  });

  it('refuses what is not an image, too large, or not a data URL, naming the field', () => {
    for (const bad of [
      dataUrl('image/png', '<html><script>alert(1)</script></html>'),
      dataUrl('image/png', Buffer.concat([PNG, Buffer.alloc(200 * 1024)])),
      'https://evil.example.com/logo.png',
      'data:text/html;base64,PHNjcmlwdD4=',
      'data:image/png;base64,',
    ]) {
      expect(() => parseLogo(bad)).toThrow(expect.objectContaining({ code: 'validation_failed', extra: { errors: [expect.objectContaining({ field: 'logo' })] } }));
    }
  });

  it('keeps an SVG\'s drawing and drops everything that runs or loads', () => {
    const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">
      <script>alert(2)</script><foreignObject><iframe src="https://evil.example.com"></iframe></foreignObject>
      <defs><linearGradient id="g"><stop offset="0" stop-color="#1d4ed8"/></linearGradient></defs>
      <rect width="10" height="10" fill="url(#g)" onclick="alert(3)"/><a href="javascript:alert(4)"><circle r="2" fill="url(https://evil.example.com/x)"/></a>
      <image href="https://evil.example.com/track.png"/><use href="data:image/svg+xml;base64,AAAA"/></svg>`;
    const clean = sanitizeSvg(svg);
    expect(clean).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 10 10">/);
    expect(clean).toContain('<linearGradient id="g">');
    expect(clean).toContain('fill="url(#g)"');
    for (const bad of ['script', 'alert', 'onload', 'onclick', 'foreignObject', 'iframe', 'javascript', 'evil.example.com', '<image', '<use', '<a ']) {
      expect(clean).not.toContain(bad);
    }
    const logo = parseLogo(dataUrl('image/svg+xml', svg));
    expect(logo.type).toBe('image/svg+xml');
    expect(logo.bytes.toString('utf8')).toBe(clean);
    expect(() => parseLogo(dataUrl('image/svg+xml', '<html><body>no svg</body></html>'))).toThrow(/SVG/);
  });
});
