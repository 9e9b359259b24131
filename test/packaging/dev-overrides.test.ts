// Every development override in the code that ships is read through db/dev-overrides.ts, so a
// packaged app (which turns them off) cannot be handed one a reader fetches on its own.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV_OVERRIDES } from '../../db/dev-overrides.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(ts|cts|mts)$/.test(name) && !/\.test\.ts$/.test(name) ? [file] : [];
  });
}

/** Each `env.NAME` / `env['NAME']` read, by file. */
function envReads(): { file: string; name: string }[] {
  return ['core', 'db', 'cli', 'electron'].flatMap((dir) =>
    sources(join(root, dir)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\benv(?:\.|\[\s*['"`])([A-Z][A-Z0-9_]*)/g)].map((m) => ({ file: relative(root, file).replaceAll('\\', '/'), name: m[1]! })),
    ),
  );
}

describe('development overrides in the shipped code', () => {
  const reads = envReads();

  it('finds the reads it checks (the scan itself works)', () => {
    expect(reads.map((r) => r.name)).toEqual(expect.arrayContaining(['CORROBORATE_LIBRARY', 'XDG_DATA_HOME']));
  });

  it('are read only through devOverride(), however the code spells the read', () => {
    // Any mention in code (not comments) other than a devOverride('NAME') call; the dev
    // launcher sets one for the Electron it starts, and is not packed (electron-builder.yml).
    const allowed = new Set(['db/dev-overrides.ts', 'electron/launch.ts']);
    const direct = ['core', 'db', 'cli', 'electron'].flatMap((dir) =>
      sources(join(root, dir)).flatMap((file) => {
        const name = relative(root, file).replaceAll('\\', '/');
        if (allowed.has(name)) return [];
        return readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
          // Sentences for the reporter (quoted text with spaces) may name a variable; a read's key has no space.
          .map((line) => line.replace(/(['"`])(?:(?!\1).)*\s(?:(?!\1).)*\1/g, "''"))
          .flatMap((line) => DEV_OVERRIDES.filter((o) => line.replaceAll(`devOverride('${o}'`, '').includes(o)).map((o) => `${name}: ${o}`));
      }),
    );
    expect(direct).toEqual([]);
  });

  it('include every variable naming a path, a native module or a delay', () => {
    const unlisted = reads.filter((r) => /_PATH$|NATIVE|_MS$/.test(r.name) && !(DEV_OVERRIDES as readonly string[]).includes(r.name) && r.name !== 'PATH');
    expect(unlisted).toEqual([]);
  });
});
