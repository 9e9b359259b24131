import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole, tempDir } from '../test/helpers.js';
import { main } from './main.js';
import { syncServerCommand } from './sync.js';

const { out, err } = captureConsole();
const lastJson = () => JSON.parse(out.at(-1)!) as { ok: boolean; value: Record<string, unknown> & unknown[]; error?: { code: string; message: string } };

describe('corroborate sync-server, share, join, sync', () => {
  it('invites members once each, lists and removes them, and refuses a wrong command line with exit 2', async () => {
    const data = tempDir();
    expect(await main(['sync-server', 'invite', '--data', data, '--case-name', 'harbour', '--member', 'Ana', '--role', 'reporter', '--json'])).toBe(0);
    const token = lastJson().value.token as string;
    expect(token).toMatch(/^inv_[A-Za-z0-9_-]{43}$/);
    expect(await main(['sync-server', 'invite', '--data', data, '--case-name', 'harbour', '--member', 'Ana', '--role', 'reporter', '--json'])).toBe(1);
    expect(lastJson().error!.code).toBe('CONFLICT');
    expect(await main(['sync-server', 'members', '--data', data, '--json'])).toBe(0);
    expect(lastJson().value).toEqual([expect.objectContaining({ caseName: 'harbour', name: 'Ana', role: 'reporter', joinedAt: null, removedAt: null })]);
    expect(await main(['sync-server', 'remove', '--data', data, '--case-name', 'harbour', '--member', 'Ana', '--json'])).toBe(0);
    for (const argv of [
      ['sync-server'],
      ['sync-server', 'invite', '--data', data, '--case-name', 'harbour', '--member', 'Ben', '--role', 'owner'],
      ['sync-server', 'invite', '--data', data, '--case-name', '../etc', '--member', 'Ben', '--role', 'lawyer'],
      ['sync-server', 'promote', '--data', data],
      ['sync-server', '--data', data, '--port', '99999'],
      ['sync-server', '--data', data, '--redis', 'http://x'],
    ]) {
      expect(await main(argv), argv.join(' ')).toBe(2);
    }
    expect(err.join('\n')).toContain('--role is one of reporter, editor, fact-checker, lawyer');
  });

  it('runs a server, shares a case from one library, joins it from another and syncs', async () => {
    const data = tempDir();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const serving = syncServerCommand([], { data, json: true }, stopped);
    for (let i = 0; i < 100 && !out.some((l) => l.includes('"url"')); i++) await new Promise((r) => setTimeout(r, 20));
    const { url, port } = JSON.parse(out.find((l) => l.includes('"url"'))!) as { url: string; port: number };
    expect(url).toBe(`ws://127.0.0.1:${port}`);
    const [libA, libB] = [join(tempDir(), 'a.corroborate'), join(tempDir(), 'b.corroborate')];
    try {
      expect(await main(['demo', '--library', libA, '--json'])).toBe(0);
      const caseId = lastJson().value.caseId as string;
      const invite = async (member: string) => {
        await main(['sync-server', 'invite', '--data', data, '--case-name', 'pipeline', '--member', member, '--role', 'reporter', '--json']);
        return lastJson().value.token as string;
      };
      const joinFirst = await invite('Ben');
      expect(await main(['join', url, '--token', joinFirst, '--library', libB, '--create', '--json'])).toBe(1);
      expect(lastJson().error!.message).toMatch(/Nobody has shared “pipeline” yet/);
      expect(await main(['share', '--case', caseId, '--server', url, '--token', await invite('Ana'), '--library', libA, '--json'])).toBe(0);
      expect(lastJson().value).toMatchObject({ caseId, member: 'Ana', role: 'reporter', waiting: 0 });
      // The refused join did not use up Ben's invitation.
      expect(await main(['join', url, '--token', joinFirst, '--library', libB, '--create', '--json'])).toBe(0);
      expect(lastJson().value).toMatchObject({ caseId, member: 'Ben' });
      expect(await main(['call', 'claims.create', JSON.stringify({ caseId, statement: 'Added by Ben from the command line' }), '--library', libB])).toBe(0);
      expect(await main(['sync', '--once', '--library', libB, '--json'])).toBe(0);
      expect(lastJson().value).toEqual([expect.objectContaining({ caseId, member: 'Ben', waiting: 0 })]);
      expect(await main(['sync', '--once', '--library', libA, '--json'])).toBe(0);
      expect(await main(['search', 'Added by Ben', '--library', libA, '--json'])).toBe(0);
      expect(JSON.stringify(lastJson().value)).toContain('Added by Ben from the command line');

      // Ana grants Ben a confidential source's identity from the command line, then takes it back.
      expect(await main(['call', 'sources.create', JSON.stringify({ name: 'Wilhelmina Stroud-Achebe', confidential: true }), '--library', libA, '--json'])).toBe(0);
      const sourceId = lastJson().value.id as string;
      expect(await main(['call', 'claims.create', JSON.stringify({ caseId, statement: 'The pipeline leaked twice', sourceIds: [sourceId] }), '--library', libA, '--json'])).toBe(0);
      expect(await main(['grant', '--case', caseId, '--source', sourceId, '--member', 'Ben', '--library', libA, '--json'])).toBe(0);
      expect(lastJson().value).toMatchObject({ grantedTo: ['Ben'], sent: true });
      expect(await main(['sync', '--once', '--library', libB, '--json'])).toBe(0);
      expect(await main(['call', 'sources.get', JSON.stringify({ id: sourceId }), '--library', libB, '--json'])).toBe(0);
      expect(lastJson().value).toMatchObject({ source: { name: 'Wilhelmina Stroud-Achebe' } });
      expect(await main(['grant', '--case', caseId, '--source', sourceId, '--member', 'Ben', '--revoke', '--library', libA])).toBe(0);
      expect(out.at(-1)).toContain('Ben no longer holds this identity on the desk. It is on the server.');
      expect(await main(['grant', '--case', caseId, '--source', sourceId, '--member', 'Ben', '--revoke', '--library', libA, '--json'])).toBe(1);
      expect(lastJson().error).toMatchObject({ code: 'NOT_FOUND' });
      expect(await main(['grant', '--case', caseId, '--library', libA])).toBe(2);
      expect(await main(['sync', '--once', '--library', libB, '--json'])).toBe(0);
      expect(await main(['call', 'sources.get', JSON.stringify({ id: sourceId }), '--library', libB, '--json'])).toBe(0);
      expect(lastJson().value).toMatchObject({ source: { name: 'Confidential source' } });
    } finally {
      stop();
      expect(await serving).toBe(0);
    }
  }, 60_000);
});
