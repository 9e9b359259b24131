// `corroborate sync --once` begins with the whole comparison (sync.check): a change the change
// journal never saw still reaches the desk. Two libraries and one server on loopback.

import { describe, expect, it } from 'vitest';
import { call } from '../test/helpers.js';
import { joined, shared, testServer } from '../test/sync/desk.js';
import { syncCase } from './client.js';
import type { Context } from '../core/context.js';

const once = (ctx: Context, caseId: string) => syncCase(ctx, caseId, { once: true, timeoutMs: 10_000 }).done;

describe('sync --once', () => {
  it('sends a change the journal missed, found by comparing the whole case first', async () => {
    const server = await testServer();
    const a = await shared(server);
    const b = await joined(server, 'Ben', 'reporter');
    // Written to the file with the journal emptied after: as if by a version of the app from before it.
    a.ctx.db.prepare("UPDATE claims SET statement = 'Changed behind the journal' WHERE id = ?").run(a.otherClaimId);
    a.ctx.db.prepare('DELETE FROM sync_journal').run();
    await once(a.ctx, a.caseId);
    await once(b.ctx, b.caseId);
    expect(call(b.ctx, 'claims.get', { id: a.otherClaimId }).claim.statement).toBe('Changed behind the journal');
  }, 60_000);
});
