import { createHash, randomBytes, randomFillSync } from 'node:crypto';

let lastMs = 0;
let seq = 0;

// Random bytes drawn 4 KiB at a time: asking the CSPRNG for 16 bytes per id cost more than the rest
// of making the id, at thousands of ids a second.
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function random16(): Buffer {
  if (poolOffset + 16 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return out;
}

/**
 * UUIDv7 (RFC 9562): time-ordered, so primary keys double as stable pagination cursors and
 * index inserts stay append-mostly. A 12-bit counter keeps ids monotonic within one millisecond.
 */
export function uuidv7(nowMs = Date.now()): string {
  const b = random16();
  if (nowMs <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    seq = b.readUInt16BE(14) & 0x7ff;
  }
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random secret for cookies and tokens: 256 bits, URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets we hand out are high-entropy, so a fast hash is enough to store them safely. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
