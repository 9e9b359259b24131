// Lint, and the layering of DESIGN.md §1 enforced so it cannot drift:
//   renderer → (types of core) · electron → core, db · cli → core, db · core → db · db → nothing of ours
// and nothing outside electron/ imports electron.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['db', 'core', 'cli', 'electron', 'renderer'];

/** Who may import whom (besides itself). */
const ALLOWED = {
  tooling: LAYERS,
  db: [],
  core: ['db'],
  cli: ['core', 'db'],
  electron: ['core', 'db'],
  renderer: [],
};

const layerPattern = (layer) => [`**/${layer}/**`, `../${layer}`, `../../${layer}`];

function restrictions(layer) {
  const patterns = [];
  for (const other of LAYERS) {
    if (other === layer || ALLOWED[layer].includes(other)) continue;
    const typesOk = layer === 'renderer' && (other === 'core' || other === 'db');
    patterns.push({
      group: layerPattern(other),
      allowTypeImports: typesOk,
      message: typesOk
        ? `The renderer may import only types from ${other}/ (import type …): it talks to the app through the API client.`
        : `${layer}/ may not import ${other}/ (see DESIGN.md §1, who may import whom).`,
    });
  }
  const paths = [];
  if (layer !== 'electron') {
    paths.push({ name: 'electron', message: 'Only electron/ may import electron; everything else runs in plain Node or the browser.', allowTypeImports: false });
  }
  if (layer === 'renderer') {
    for (const name of ['better-sqlite3', 'better-sqlite3-multiple-ciphers']) paths.push({ name, message: 'The renderer never touches SQLite.' });
  }
  if (layer === 'core' || layer === 'db') {
    for (const name of ['react', 'react-dom', 'lexical']) paths.push({ name, message: `${layer}/ is Node-only: no UI code.` });
  }
  return { paths, patterns };
}

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
);
