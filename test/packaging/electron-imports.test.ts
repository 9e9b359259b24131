// What the Electron main process can load, read from the sources: playwright-core (the Node
// CLI's PDF printer, left out of the packaged app by electron-builder.yml) must be out of its
// reach, or a packaged app would fail with "Cannot find module" on a PDF export.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Edge {
  from: string;
  to: string;
  dynamic: boolean;
}

/** Runtime imports of a source file (type-only imports load nothing). */
function importsOf(file: string): { specifier: string; dynamic: boolean }[] {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const found: { specifier: string; dynamic: boolean }[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (!m[2]) found.push({ specifier: m[3]!, dynamic: false });
  }
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, dynamic: true });
  return found;
}

function resolveSource(from: string, specifier: string): string | undefined {
  const base = join(dirname(from), specifier);
  return [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base.replace(/\.cjs$/, '.cts')].find((f) => existsSync(f));
}

/** Every edge reachable from `entry`, to our files and to packages. */
function graph(entry: string): Edge[] {
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier, dynamic } of importsOf(file)) {
      const name = relative(root, file).replaceAll('\\', '/');
      if (specifier.startsWith('.')) {
        const target = resolveSource(file, specifier);
        if (!target) continue;
        edges.push({ from: name, to: relative(root, target).replaceAll('\\', '/'), dynamic });
        queue.push(target);
      } else {
        edges.push({ from: name, to: specifier, dynamic });
      }
    }
  }
  return edges;
}

describe('the Electron main process', () => {
  const edges = graph(join(root, 'electron', 'main.ts'));

  it('is read as a graph that reaches core, db and the driver (the walk itself works)', () => {
    expect(edges.some((e) => e.to === 'core/dispatcher.ts')).toBe(true);
    expect(edges.some((e) => e.to === 'better-sqlite3-multiple-ciphers')).toBe(true);
  });

  it('imports playwright-core only in the system-Chromium printer, which the app replaces with its own', () => {
    const toPlaywright = edges.filter((e) => e.to === 'playwright-core' || e.to.startsWith('playwright-core/'));
    expect(toPlaywright).toEqual([{ from: 'core/export/pdf.ts', to: 'playwright-core', dynamic: true }]);
    const main = readFileSync(join(root, 'electron', 'main.ts'), 'utf8');
    // The engine is set before the API can be called, so an export never falls back to playwright-core.
    expect(main.indexOf('setPdfEngine(electronPrintToPdf(')).toBeGreaterThan(-1);
    expect(main.indexOf('setPdfEngine(electronPrintToPdf(')).toBeLessThan(main.indexOf('bindApi(ctx'));
  });

  it('loads only files the packaged app holds (electron-builder.yml packs each folder it needs)', () => {
    const packed = [...readFileSync(join(root, 'electron-builder.yml'), 'utf8').matchAll(/^\s+- dist\/([a-z]+)\/\*\*\/\*\.c?js$/gm)].map((m) => m[1]);
    const folders = new Set(edges.filter((e) => !e.to.startsWith('.') && e.to.includes('/') && existsSync(join(root, e.to))).map((e) => e.to.split('/')[0]!));
    expect([...folders].filter((f) => f !== 'assets' && !packed.includes(f))).toEqual([]);
  });

  it('never loads the npm start launcher', () => {
    expect(edges.filter((e) => /^electron\/launch(er)?\.ts$/.test(e.to))).toEqual([]);
  });
});
