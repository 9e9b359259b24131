// A backup's page-by-page work runs off the thread that answers: while `corroborate serve` backs
// up a library of some size (the copy's quick_check; for an encrypted library the copy itself
// too), its HTTP door goes on answering. Requests are sent back to back during the backup; some
// must be answered while the check runs in its worker (with the check on the main thread, none
// could be: the thread would be busy reading pages until it ended).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLibrary } from '../../bench/generate.js';
import { startServer } from '../../cli/http-server.js';
import { observeOffThread } from '../../db/off-thread.js';
import { closeSession, openSession } from '../../core/session.js';
import { tempDir } from '../helpers.js';

const CLAIMS = Number(process.env.RESPONSIVE_CLAIMS ?? 15_000);

afterEach(() => observeOffThread(undefined));

async function backupWhileAsking(passphrase?: string) {
  const dir = tempDir();
  const library = join(dir, 'library.corroborate');
  generateLibrary(library, CLAIMS, 42, passphrase ? { passphrase } : {});
  const ctx = openSession(library, { automaticBackups: false, ...(passphrase ? { passphrase } : {}) });
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  const server = await startServer({ ctx, rendererDir: renderer, log: () => {} });
  const spans: { op: string; started: number; ended: number }[] = [];
  observeOffThread((s) => spans.push(s));
  const post = async (method: string, body: unknown) => {
    const r = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(body) });
    return (await r.json()) as { ok: boolean };
  };
  try {
    let done = false;
    const backup = post('backups.create', { path: join(dir) }).finally(() => (done = true));
    const answeredAt: number[] = [];
    while (!done) {
      const res = await post('cases.list', {});
      expect(res.ok).toBe(true);
      answeredAt.push(Date.now());
    }
    expect((await backup).ok).toBe(true);
    const check = spans.find((s) => s.op === 'check');
    expect(check, 'the copy was checked off the main thread').toBeDefined();
    const during = (s: { started: number; ended: number }) => answeredAt.filter((t) => t > s.started && t < s.ended).length;
    return { spans, answered: answeredAt.length, duringCheck: during(check!), checkMs: check!.ended - check!.started, duringCopy: spans.filter((s) => s.op === 'vacuum').map(during) };
  } finally {
    await server.close();
    closeSession(ctx);
  }
}

describe('serve while a backup is made', () => {
  it('answers requests while the copy of a plain library is checked', async () => {
    const r = await backupWhileAsking();
    console.log(`backup of ${CLAIMS} claims, plain: ${JSON.stringify({ answered: r.answered, duringCheck: r.duringCheck, checkMs: r.checkMs })}`);
    expect(r.duringCheck).toBeGreaterThan(0);
  }, 120_000);

  it('answers requests while an encrypted library is copied and checked', async () => {
    const r = await backupWhileAsking('responsive test passphrase');
    console.log(`backup of ${CLAIMS} claims, encrypted: ${JSON.stringify({ answered: r.answered, duringCheck: r.duringCheck, checkMs: r.checkMs, duringCopy: r.duringCopy })}`);
    expect(r.duringCheck).toBeGreaterThan(0);
    expect(r.duringCopy).toHaveLength(1);
    expect(r.duringCopy[0]).toBeGreaterThan(0);
  }, 120_000);
});
