import { randomBytes } from 'node:crypto';

// Crockford's base32, as ULID specifies: no I, L, O or U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A ULID: 48 bits of milliseconds then 80 random bits, 26 characters that sort by creation
 * time. Within one millisecond the random part is incremented, so ids made in a burst (an
 * import) still sort in the order they were made.
 */
export function newId(now: number = Date.now()): string {
  let random: number[];
  if (now === lastTime) {
    random = [...lastRandom];
    for (let i = random.length - 1; i >= 0; i--) {
      if (random[i]! < 31) {
        random[i]! += 1;
        break;
      }
      random[i] = 0;
    }
  } else {
    const bytes = randomBytes(16);
    random = Array.from({ length: 16 }, (_, i) => bytes[i]! & 31);
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  return time + random.map((n) => ALPHABET[n]).join('');
}

/** Timestamps are ISO 8601 UTC strings with milliseconds: sortable as text. */
export function nowIso(): string {
  return new Date().toISOString();
}
