// An interrupted export leaves nothing under the final name: not when the data fails midway, and
// not when the process is killed while writing.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../core/archive/atomic.js';
import { tempDir } from '../helpers.js';

describe('atomic write', () => {
  it('writes the whole file under its name, and only that', () => {
    const dir = tempDir();
    const path = join(dir, 'packet.html');
    writeFileAtomic(path, ['<p>one</p>', Buffer.from('<p>two</p>')]);
    expect(readFileSync(path, 'utf8')).toBe('<p>one</p><p>two</p>');
    writeFileAtomic(path, 'replaced');
    expect(readFileSync(path, 'utf8')).toBe('replaced');
    expect(readdirSync(dir)).toEqual(['packet.html']);
  });

  it('a failure midway leaves no file under the final name and no temporary file', () => {
    const dir = tempDir();
    const path = join(dir, 'packet.pdf');
    function* failing() {
      yield Buffer.alloc(1024 * 1024, 1);
      throw new Error('renderer crashed');
    }
    expect(() => writeFileAtomic(path, failing())).toThrow('renderer crashed');
    expect(readdirSync(dir)).toEqual([]);
    // An earlier export under that name is left as it was.
    writeFileSync(path, 'earlier');
    expect(() => writeFileAtomic(path, failing())).toThrow('renderer crashed');
    expect(readFileSync(path, 'utf8')).toBe('earlier');
  });

  it('a process killed while writing leaves no file under the final name', async () => {
    const dir = tempDir();
    const path = join(dir, 'packet.zip');
    // The real module, compiled to JavaScript for a plain Node child (it imports only node:*).
    const source = readFileSync(fileURLToPath(new URL('../../core/archive/atomic.ts', import.meta.url)), 'utf8');
    const module = join(tempDir(), 'atomic.mjs');
    writeFileSync(module, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
    // The child writes 64 MB a megabyte at a time, says when it has started, and is killed.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(module)};
      function* chunks() { for (let i = 0; i < 64; i++) { if (i === 2) process.stdout.write('started\\n'); yield Buffer.alloc(1 << 20, i); const end = Date.now() + 20; while (Date.now() < end); } }
      writeFileAtomic(${JSON.stringify(path)}, chunks());
      process.stdout.write('finished\\n');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('started')) resolve();
        if (d.toString().includes('finished')) reject(new Error('the writer finished before it was killed'));
      });
      child.on('exit', () => reject(new Error(`the writer exited early: ${err}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(path)).toBe(false);
    // What is left is only a dot-file temporary, never the final name.
    expect(readdirSync(dir).every((name) => name.startsWith('.packet.zip.') && name.endsWith('.part'))).toBe(true);
  });
});
