// SIGKILL at random moments, 200 times, against one library: nothing committed is ever lost and
// the library and its search indexes stay whole. (`npm run bench` does it 1,000 times.)
//
// The child is plain JS and needs db/ compiled. `npm test` builds dist/ only after the unit
// tests, so db/ is transpiled here (test/hardening/transpile.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.js';
import { crashLanes } from './crash-harness.js';
import { removeTree, transpileTree } from './transpile.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 200);
/** Each open derives the key (~0.3 s): fewer kills, on one library. */
const ENCRYPTED_KILLS = Number(process.env.CRASH_KILLS_ENCRYPTED ?? 30);

let out: string;
let dbModule: string;
beforeAll(() => {
  out = transpileTree(['db'], `corroborate-crash-${process.pid}`);
  dbModule = join(out, 'db', 'index.js');
});
afterAll(() => removeTree(out));

describe('killed with SIGKILL while writing', () => {
  it(`${KILLS} times: every committed claim is there, integrity_check and FTS5 integrity-check pass`, async () => {
    const dir = tempDir();
    const libraryPaths = [join(dir, 'a.corroborate'), join(dir, 'b.corroborate')];
    const result = await crashLanes({ dbModule, libraryPaths, kills: KILLS, seed: Number(process.env.CRASH_SEED ?? 20261201) });
    console.log(`crash test: ${JSON.stringify(result)}`);
    expect(result.kills).toBe(KILLS);
    // The kills must land in the middle of real work for the test to mean anything (about 60%
    // do; a third at least, so a loaded machine's slower start-ups do not fail it).
    expect(result.killsWhileWriting).toBeGreaterThan(KILLS / 3);
    expect(result.killsWhileOpening).toBeGreaterThan(KILLS / 20);
    expect(result.committed).toBeGreaterThan(KILLS * 2);
    // A killed writer leaves its log behind: the next open saw it and ran the full check.
    expect(result.uncleanOpens).toBeGreaterThan(KILLS / 3);
  }, 240_000);

  it(`${ENCRYPTED_KILLS} times against an encrypted library: the same, with its passphrase`, async () => {
    const dir = tempDir();
    const result = await crashLanes({ dbModule, libraryPaths: [join(dir, 'e.corroborate')], kills: ENCRYPTED_KILLS, seed: Number(process.env.CRASH_SEED ?? 20261201) + 1, passphrase: 'crash test passphrase' });
    console.log(`crash test, encrypted: ${JSON.stringify(result)}`);
    expect(result.kills).toBe(ENCRYPTED_KILLS);
    expect(result.killsWhileWriting).toBeGreaterThan(ENCRYPTED_KILLS / 4);
    expect(result.committed).toBeGreaterThan(ENCRYPTED_KILLS);
    expect(readFileSync(join(dir, 'e.corroborate')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  }, 240_000);
});
