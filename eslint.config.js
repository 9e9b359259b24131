// Lint, and the layering of DESIGN.md §1 enforced so it cannot drift:
//   renderer → (types of core) · electron → core, db, sync · cli → core, db, sync · core → db · db → nothing of ours
// and nothing outside electron/ imports electron. shared/ is code both the renderer and core run
// (the claim map's drawing): any layer but db may import it; it imports only types of core and db.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import sqlInDb from './eslint-rules/sql-in-db.js';

const LAYERS = ['db', 'core', 'sync', 'cli', 'electron', 'renderer', 'shared'];

/** Who may import whom (besides itself). */
const ALLOWED = {
  tooling: LAYERS,
  db: [],
  core: ['db', 'shared'],
  sync: ['core', 'db', 'shared'],
  cli: ['core', 'db', 'sync', 'shared'],
  electron: ['core', 'db', 'sync', 'shared'],
  renderer: ['shared'],
  shared: [],
};

const layerPattern = (layer) => [`**/${layer}/**`, `../${layer}`, `../../${layer}`];

function restrictions(layer) {
  const patterns = [];
  for (const other of LAYERS) {
    if (other === layer || ALLOWED[layer].includes(other)) continue;
    const typesOk = (layer === 'renderer' || layer === 'shared') && (other === 'core' || other === 'db');
    patterns.push({
      group: layerPattern(other),
      allowTypeImports: typesOk,
      message: !typesOk
        ? `${layer}/ may not import ${other}/ (see DESIGN.md §1, who may import whom).`
        : layer === 'renderer'
          ? `The renderer may import only types from ${other}/ (import type …): it talks to the app through the API client.`
          : `shared/ runs in the renderer too: it may import only types from ${other}/ (import type …).`,
    });
  }
  const paths = [];
  if (layer !== 'electron') {
    paths.push({ name: 'electron', message: 'Only electron/ may import electron; everything else runs in plain Node or the browser.', allowTypeImports: false });
  }
  if (layer === 'renderer') {
    for (const name of ['better-sqlite3', 'better-sqlite3-multiple-ciphers']) paths.push({ name, message: 'The renderer never touches SQLite.' });
  }
  // Lexical itself (no React) is allowed in core and shared: a note is parsed headless in Node
  // against the node classes of shared/note-nodes, the same ones the editor registers.
  if (layer === 'core' || layer === 'db') {
    for (const name of ['react', 'react-dom', ...(layer === 'db' ? ['lexical'] : [])]) paths.push({ name, message: `${layer}/ is Node-only: no UI code.` });
  }
  if (layer === 'shared') {
    for (const name of ['react', 'react-dom', 'better-sqlite3', 'better-sqlite3-multiple-ciphers']) paths.push({ name, message: 'shared/ runs in Node and the browser alike: no UI code, no SQLite.' });
  }
  return { paths, patterns };
}

/** A layer's restrictions and more: `groups` of imports refused with `message`. */
function withPatterns(layer, groups, message) {
  const base = restrictions(layer);
  return { ...base, patterns: [...base.patterns, { group: groups, message }] };
}

const HANDLER_ALONE = 'Handlers stand alone: what two of them share belongs in db/ or in a module of core/ (see docs/architecture.md), and only core/api.ts gathers them.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', restrictions('tooling')],
    },
  },
  ...LAYERS.map((layer) => ({
    files: [`${layer}/**/*.{ts,tsx,cts,mts,js}`],
    ignores: [`${layer}/**/*.test.ts`],
    ...(layer === 'renderer' ? { languageOptions: { globals: { ...globals.browser } } } : {}),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', restrictions(layer)] },
  })),
  // A handler stands alone: it imports db/ and core's plumbing, never another handler, and only
  // the API's list (core/api.ts) gathers them. The demo loader and the bulk import are the two
  // composers besides it: they write records through the record methods themselves, so every
  // record passes the same checks. (The record importer's field lists still come from bulk.ts.)
  {
    files: ['core/handlers/*.ts'],
    ignores: ['core/handlers/*.test.ts', 'core/handlers/demo.ts', 'core/handlers/bulk.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', withPatterns('core', ['./*'], HANDLER_ALONE)] },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts', 'core/handlers/**', 'core/api.ts', 'core/import/records.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', withPatterns('core', ['./handlers/*', '../handlers/*', '**/handlers/*'], HANDLER_ALONE)] },
  },
  // A door reaches handlers only through the dispatcher (and core/api.ts's list), never by importing one.
  ...['cli', 'electron'].map((layer) => ({
    files: [`${layer}/**/*.{ts,tsx,cts,mts,js}`],
    ignores: [`${layer}/**/*.test.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', withPatterns(layer, ['**/core/handlers/*'], HANDLER_ALONE)] },
  })),
  // A released migration is frozen: it holds its SQL as text and imports nothing of ours, so no
  // later change to shared code can change what an old version did to a library.
  {
    files: ['db/migrations/[0-9]*.ts'],
    ignores: ['db/migrations/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', withPatterns('db', ['./*', '../*'], 'A released migration is frozen: it holds its SQL as text and imports nothing (see docs/architecture.md).')] },
  },
  // Live code reads no migration (only their list, migrations/index.ts): a migration describes one
  // past version, and what the schema is today is live code's own to say.
  {
    files: ['db/**/*.ts'],
    ignores: ['db/**/*.test.ts', 'db/migrations/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', withPatterns('db', ['**/migrations/[0-9]*'], 'Live code reads no migration: a released migration is frozen at its version; define what today’s schema needs beside the code that uses it (see docs/architecture.md).')] },
  },
  // All SQL in db/ (bench/ measures SQLite itself). Tests may read the database directly: they
  // check what was stored, byte for byte, beneath the functions they test.
  {
    files: ['**/*.{ts,tsx,cts,mts,js,mjs,cjs}'],
    ignores: ['db/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**', 'eslint-rules/**'],
    plugins: { house: { rules: { 'sql-in-db': sqlInDb } } },
    rules: { 'house/sql-in-db': 'error' },
  },
);
