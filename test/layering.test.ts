// The lint rule that keeps the layers apart must catch what it exists to catch.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['renderer/src/x.ts', "import { openLibrary } from '../../db/open.js';\nopenLibrary('x');\n"],
    ['renderer/src/x.ts', "import { methods } from '../../core/api.js';\nconsole.log(methods);\n"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nconsole.log(Database);\n"],
    ['renderer/src/x.ts', "import Database from '../../db/driver.js';\nconsole.log(Database);\n"],
    ['db/x.ts', "import { methods } from '../core/api.js';\nconsole.log(methods);\n"],
    ['core/x.ts', "import { main } from '../cli/main.js';\nconsole.log(main);\n"],
    ['core/x.ts', "import { app } from 'electron';\nconsole.log(app);\n"],
    ['cli/x.ts', "import { bindApi } from '../electron/ipc.js';\nconsole.log(bindApi);\n"],
    ['cli/x.ts', "import { app } from 'electron';\nconsole.log(app);\n"],
    ['test/x.ts', "import { app } from 'electron';\nconsole.log(app);\n"],
    ['shared/x.ts', "import { methods } from '../core/api.js';\nconsole.log(methods);\n"],
    ['shared/x.ts', "import { openLibrary } from '../db/open.js';\nconsole.log(openLibrary);\n"],
    ['shared/x.ts', "import { useState } from 'react';\nconsole.log(useState);\n"],
    ['db/x.ts', "import { mapSvg } from '../shared/map-svg.js';\nconsole.log(mapSvg);\n"],
    ['core/x.ts', "import { useState } from 'react';\nconsole.log(useState);\n"],
    ['db/x.ts', "import { createEditor } from 'lexical';\nconsole.log(createEditor);\n"],
    // Handlers stand alone: what they share lives in db/ or core's own modules.
    ['core/handlers/x.ts', "import { getClaim } from './claims.js';\nconsole.log(getClaim);\n"],
    ['core/export/x.ts', "import { claimMethods } from '../handlers/claims.js';\nconsole.log(claimMethods);\n"],
    ['core/x.ts', "import { cryptoMethods } from './handlers/crypto.js';\nconsole.log(cryptoMethods);\n"],
    ['cli/x.ts', "import { cryptoMethods } from '../core/handlers/crypto.js';\nconsole.log(cryptoMethods);\n"],
    // A migration is frozen once released: no code of another migration, nor of the live schema.
    ['db/migrations/010-next.ts', "import { sql as v6 } from './006-search-prefixes.js';\nexport const sql = v6;\n"],
    ['db/migrations/010-next.ts', "import { TOKENIZER } from '../scratch.js';\nexport const sql = TOKENIZER;\n"],
    ['db/x.ts', "import { wordsTable } from './migrations/010-spelling-words.js';\nconsole.log(wordsTable);\n"],
  ])('refuses %s importing across a layer', async (file, code) => {
    expect(await violations(file, code)).toHaveLength(1);
  });

  it.each([
    ['renderer/src/x.ts', "import type { MethodName } from '../../core/api.js';\nexport type X = MethodName;\n"],
    ['core/x.ts', "import { openLibrary } from '../db/open.js';\nconsole.log(openLibrary);\n"],
    ['electron/x.ts', "import { app } from 'electron';\nimport { dispatch } from '../core/dispatcher.js';\nconsole.log(app, dispatch);\n"],
    ['cli/x.ts', "import { dispatch } from '../core/dispatcher.js';\nconsole.log(dispatch);\n"],
    ['renderer/src/x.ts', "import { mapSvg } from '../../shared/map-svg.js';\nconsole.log(mapSvg);\n"],
    ['core/x.ts', "import { mapSvg } from '../shared/map-svg.js';\nconsole.log(mapSvg);\n"],
    ['shared/x.ts', "import type { CaseGraph } from '../db/graph.js';\nexport type X = CaseGraph;\n"],
    // Notes are parsed headless in core against the node classes of shared/note-nodes.
    ['core/x.ts', "import { createEditor } from 'lexical';\nconsole.log(createEditor);\n"],
    ['shared/x.ts', "import { DecoratorNode } from 'lexical';\nconsole.log(DecoratorNode);\n"],
    ['core/handlers/x.ts', "import { method } from '../method.js';\nimport { getClaim } from '../../db/index.js';\nconsole.log(method, getClaim);\n"],
    ['core/api.ts', "import { claimMethods } from './handlers/claims.js';\nconsole.log(claimMethods);\n"],
    ['db/migrations/index.ts', "import { sql as v6 } from './006-search-prefixes.js';\nexport const list = [v6];\n"],
    ['db/x.ts', "import { migrations } from './migrations/index.js';\nconsole.log(migrations);\n"],
  ])('allows %s its own imports', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});

describe('the rule that keeps SQL in db/', () => {
  async function sqlFindings(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'house/sql-in-db').map((m) => m.message);
  }

  it.each([
    ['core/handlers/x.ts', "export const f = (db: { prepare(s: string): unknown }) => db.prepare('SELECT 1');\n"],
    ['core/x.ts', "export const f = (ctx: { db: { pragma(s: string): unknown } }) => ctx.db.pragma('user_version');\n"],
    ['core/x.ts', "export const f = (db: { exec(s: string): unknown }) => db.exec('DELETE FROM claims');\n"],
    ['cli/x.ts', 'export const f = (copy: { prepare(s: string): unknown }, sql: string) => copy.prepare(sql);\n'],
    ['electron/x.ts', "export const f = (db: Record<string, (s: string) => unknown>) => db['exec']('VACUUM');\n"],
    ['core/x.ts', "export const f = (db?: { prepare(s: string): unknown }) => db?.prepare('SELECT 1');\n"],
    // A name that may hold something else than a regular expression is not trusted with exec.
    ['core/x.ts', "let re: { exec(s: string): unknown } = /a/;\nexport const f = (o: typeof re, s: string) => { re = o; return re.exec(s); };\n"],
  ])('refuses SQL spoken in %s', async (file, code) => {
    expect(await sqlFindings(file, code)).toHaveLength(1);
  });

  it.each([
    ['db/x.ts', "export const f = (db: { prepare(s: string): unknown }) => db.prepare('SELECT 1');\n"],
    ['bench/x.ts', "export const f = (db: { pragma(s: string): unknown }) => db.pragma('cache_size');\n"],
    ['core/x.ts', "export const f = (s: string) => /^(\\d{4})$/.exec(s);\n"],
    ['core/x.ts', "const YEAR = /^(\\d{4})$/;\nexport const f = (s: string) => YEAR.exec(s);\n"],
    ['core/x.ts', "const words = new RegExp('\\\\w+', 'g');\nexport const f = (s: string) => words.exec(s);\n"],
    // A method's own slow first step (core/method.ts) is called prepare too, and takes the context.
    ['core/x.ts', 'export const f = (m: { prepare(c: unknown): unknown }, ctx: unknown) => m.prepare(ctx);\n'],
  ])('lets %s through', async (file, code) => {
    expect(await sqlFindings(file, code)).toEqual([]);
  });
});

describe('the SQLite driver', () => {
  /** Source files of ours (not dependencies, builds or caches). */
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.name.startsWith('.') || ['node_modules', 'dist', 'release', 'test-results', 'playwright-report'].includes(e.name)) return [];
      const path = join(dir, e.name);
      if (e.isDirectory()) return sources(path);
      return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) ? [path] : [];
    });
  }

  it('is imported by its package name in db/driver.ts only', () => {
    // An import or a re-export (`export … from`); db/driver-name.ts only holds the name as text.
    const naming = /^\s*import\b[^;]*?['"]better-sqlite3(-multiple-ciphers)?['"]|^\s*export\b[^;]*?\bfrom\s*['"]better-sqlite3(-multiple-ciphers)?['"]|\b(require|import)\s*\(\s*['"]better-sqlite3(-multiple-ciphers)?['"]/m;
    const found = sources('.').filter((f) => naming.test(readFileSync(f, 'utf8')));
    expect(found).toEqual([join('db', 'driver.ts')]);
  });
});
