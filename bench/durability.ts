// `npm run bench`, durability: a writer killed with SIGKILL at random moments 1,000 times
// (DURABILITY_KILLS to change), the library checked after each kill as test/hardening/crash.test.ts
// does 200 times. Results: bench/results/durability.json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crashLanes } from '../test/hardening/crash-harness.js';

const kills = Number(process.env.DURABILITY_KILLS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'corroborate-durability-'));
try {
  const result = await crashLanes({
    dbModule: fileURLToPath(new URL('../db/index.js', import.meta.url)),
    libraryPaths: [join(dir, 'a.corroborate'), join(dir, 'b.corroborate')],
    kills,
    seed: 1000,
    onRound: (round) => {
      if (round % 100 === 0) process.stdout.write(`  ${round} kills in a lane\n`);
    },
  });
  const out = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'durability.json'), JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2));
  console.log(
    `durability: ${result.kills} SIGKILLs in ${(result.ms / 1000).toFixed(1)} s (${result.killsWhileWriting} while writing, ${result.killsWhileOpening} while opening); ` +
      `${result.committed} committed claims all found; integrity_check and FTS5 integrity-check passed after every kill`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
