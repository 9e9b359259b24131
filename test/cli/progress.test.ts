// Progress on long work: one line on a terminal's stderr, redrawn in place and cleared at the
// end; nothing when stderr is not a terminal, nor with --json.

import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Context, JobState } from '../../core/context.js';
import { main } from '../../cli/main.js';
import { PROGRESS_INTERVAL_MS, withProgress, type ProgressStream } from '../../cli/progress.js';
import { backupsDir } from '../../core/backup/backup.js';
import { tempDir } from '../helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function terminal(isTTY: boolean): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 60, written, write: (t: string) => written.push(t) };
}

/** Work that reports two stages, as a dispatcher job does, over several redraws. */
async function work(ctx: Context): Promise<string> {
  const job: JobState = { done: 0, total: 4, stage: 'Reading the PDF', controller: new AbortController() };
  ctx.jobs!.set('job', job);
  await sleep(PROGRESS_INTERVAL_MS * 2.5);
  Object.assign(job, { done: 3, stage: 'Storing the original \u001b[31mfile' });
  await sleep(PROGRESS_INTERVAL_MS * 2.5);
  ctx.jobs!.delete('job');
  return 'done';
}

const context = () => ({ jobs: new Map<string, JobState>() }) as unknown as Context;

afterEach(() => vi.restoreAllMocks());

describe('progress on a terminal', () => {
  it('draws the stage and share on one line, rewritten in place, and clears it at the end', async () => {
    const ctx = context();
    const stream = terminal(true);
    expect(await withProgress(ctx, {}, work(ctx), stream)).toBe('done');
    expect(stream.written).toContain('\rReading the PDF 0%\u001b[K');
    expect(stream.written).toContain('\rStoring the original [31mfile 75%\u001b[K');
    expect(stream.written.every((w) => w.startsWith('\r') && !w.includes('\n'))).toBe(true);
    expect(stream.written.at(-1)).toBe('\r\u001b[K');
  });

  it('is quiet when stderr is not a terminal, and with --json', async () => {
    for (const [flags, stream] of [[{}, terminal(false)], [{ json: true }, terminal(true)]] as const) {
      const ctx = context();
      expect(await withProgress(ctx, flags, work(ctx), stream)).toBe('done');
      expect(stream.written).toEqual([]);
    }
  });

  it('a long CLI command on a terminal shows its job’s stages on stderr, and --json keeps it quiet', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(['--library', library, 'demo'])).toBe(0);
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      // A ZIP packet lays out the claim map and renders every format: several redraws long.
      expect(await main(['--library', library, 'export', '--profile', 'editor', '--format', 'zip', '--out', tempDir()])).toBe(0);
      const drawn = write.mock.calls.map((c) => String(c[0]));
      // eslint-disable-next-line no-control-regex -- the line ends with the terminal's erase-to-end sequence
      expect(drawn.some((t) => /^\r(Reading the case|Rendering .*|.*original.*) \d+%\u001b\[K$/.test(t)), drawn.join('|')).toBe(true);
      expect(drawn.at(-1)).toBe('\r\u001b[K');
      write.mockClear();
      expect(await main(['--library', library, 'export', '--profile', 'editor', '--format', 'zip', '--out', tempDir(), '--json'])).toBe(0);
      expect(write).not.toHaveBeenCalled();
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('a CLI command that is not on a terminal writes no progress to stderr', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const write = vi.spyOn(process.stderr, 'write');
    expect(await main(['--library', library, 'demo'])).toBe(0);
    expect(await main(['--library', library, 'export', '--profile', 'editor', '--format', 'zip', '--out', tempDir()])).toBe(0);
    expect(process.stderr.isTTY).toBeFalsy();
    expect(write).not.toHaveBeenCalled();
    expect(err).toEqual([]);
  });

  it('encrypt and decrypt on a terminal draw each stage as it starts (the work is synchronous), and --json keeps them quiet', async () => {
    const library = join(tempDir(), 'lib.corroborate');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(['--library', library, 'demo'])).toBe(0);
    // A backup beside the library: converting it is a stage of its own.
    expect(await main(['--library', library, 'backup', backupsDir(library)])).toBe(0);
    vi.stubEnv('CORROBORATE_NEW_PASSPHRASE', 'a long enough passphrase');
    vi.stubEnv('CORROBORATE_PASSPHRASE', 'a long enough passphrase');
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const err = vi.spyOn(console, 'error');
      expect(await main(['--library', library, 'encrypt']), err.mock.calls.join('\n')).toBe(0);
      const drawn = write.mock.calls.map((c) => String(c[0]));
      expect(drawn).toEqual([
        '\rWriting an encrypted copy of the library 0%\u001b[K',
        '\rChecking the copy 25%\u001b[K',
        '\rEncrypting the original files 50%\u001b[K',
        '\rConverting backup 1 of 1 75%\u001b[K',
        '\r\u001b[K',
      ]);
      write.mockClear();
      expect(await main(['--library', library, 'decrypt', '--force', '--json'])).toBe(0);
      expect(write).not.toHaveBeenCalled();
      expect(await main(['--library', library, 'encrypt', '--json'])).toBe(0);
      expect(write).not.toHaveBeenCalled();
      expect(await main(['--library', library, 'decrypt', '--force'])).toBe(0);
      expect(write.mock.calls.map((c) => String(c[0]))[0]).toBe('\rWriting a decrypted copy of the library 0%\u001b[K');
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
      vi.unstubAllEnvs();
    }
  });
});
