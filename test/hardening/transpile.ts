// Plain-Node children of the tests (a writer, a process holding the library) run the project's
// own code, transpiled here file by file (isolatedModules makes per-file output exact) into a
// folder under the project, where they resolve its packages (the SQLite driver…) as the app does.

import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Transpiles the named top-level folders (e.g. ['db', 'core']) into `<project>/.cache/<name>`,
 * with `copies` (folders of data the code imports, e.g. 'assets') copied as they are; returns
 * that folder. Its package.json names the package, so that code finding the project root from
 * its own file (core/paths.ts) finds this folder.
 */
export function transpileTree(folders: string[], name: string, copies: string[] = []): string {
  const out = join(ROOT, '.cache', name);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
  for (const file of folders.flatMap((f) => walk(join(ROOT, f)))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  for (const folder of copies) cpSync(join(ROOT, folder), join(out, folder), { recursive: true });
  writeFileSync(join(out, 'package.json'), '{"name": "corroborate", "private": true, "type": "module"}');
  return out;
}

export function removeTree(out: string): void {
  rmSync(out, { recursive: true, force: true });
}
