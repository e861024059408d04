import { randomFillSync } from "node:crypto";

/**
 * A version-7 UUID (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random
 * bits. The same kind Prisma's `@default(uuid(7))` makes, for rows that
 * hand-written SQL inserts: ids stay time-ordered, so new rows land at the
 * right edge of the primary-key B-tree instead of all over it.
 */
export function uuidv7(now: number = Date.now()): string {
  const b = randomBytes16();
  b[0] = Math.floor(now / 2 ** 40) & 0xff;
  b[1] = Math.floor(now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = 0x70 | (b[6] & 0x0f); // version 7
  b[8] = 0x80 | (b[8] & 0x3f); // variant 10
  const hex = Buffer.from(b).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Random bytes drawn 4 KiB at a time: one call into the system's generator per
// 256 ids instead of one per id (a ticket creation makes about ten).
const pool = new Uint8Array(4096);
let poolAt = pool.length;

function randomBytes16(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const b = pool.slice(poolAt, poolAt + 16);
  poolAt += 16;
  return b;
}

/** The milliseconds a version-7 UUID carries. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replaceAll("-", "").slice(0, 12), 16);
}
