// What the API tells a door about a source on a desk: above all, whether its identity already
// went out, so that making it confidential can be said to recall nothing (docs/sync.md §5 Limit).

import { describe, expect, it } from 'vitest';
import { call, callError } from '../../test/helpers.js';
import { deskCase } from '../../test/sync/desk.js';

function sharedOffline() {
  const desk = deskCase();
  call(desk.ctx, 'sync.attach', { caseId: desk.caseId, serverUrl: 'ws://127.0.0.1:9', docName: 'harbour', member: 'Ana', role: 'reporter', credential: 'mem_'.padEnd(40, 'x') });
  return desk;
}

describe('sync.source', () => {
  it('says a shared source’s identity went out, and still says so once it is made confidential', () => {
    const { ctx, caseId, publicId } = sharedOffline();
    expect(call(ctx, 'sync.source', { sourceId: publicId })).toEqual([
      { caseId, docName: 'harbour', holder: null, identity: 'shared', identityWentOut: true, grantedTo: [], grantable: [], fingerprints: {}, yourFingerprint: expect.stringMatching(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/) },
    ]);
    call(ctx, 'sources.update', { id: publicId, confidential: true });
    expect(call(ctx, 'sync.source', { sourceId: publicId })).toEqual([
      { caseId, docName: 'harbour', holder: 'Ana', identity: 'held', identityWentOut: true, grantedTo: [], grantable: [], fingerprints: {}, yourFingerprint: expect.any(String) },
    ]);
  });

  it('says a source confidential from the start never went out, and lists who may be granted it', () => {
    const { ctx, caseId, secretId } = sharedOffline();
    expect(call(ctx, 'sync.source', { sourceId: secretId })).toMatchObject([{ identity: 'held', identityWentOut: false, grantable: [] }]);
    call(ctx, 'sync.peers', { caseId, members: [{ name: 'Ben', publicKey: 'B'.repeat(43) }, { name: 'Ana', publicKey: 'A'.repeat(43) }] });
    const [held] = call(ctx, 'sync.source', { sourceId: secretId });
    expect(held).toMatchObject({ grantable: ['Ben'] });
    expect(Object.keys(held!.fingerprints)).toEqual(['Ben']);
    expect(callError(ctx, 'sync.grant', { caseId, sourceId: secretId, member: 'Ana' })).toMatchObject({ code: 'BAD_INPUT' });
  });

  it('is empty for a source no shared case cites, and refuses an unknown source', () => {
    const { ctx } = sharedOffline();
    const alone = call(ctx, 'sources.create', { name: 'Nobody cites me' }).id;
    expect(call(ctx, 'sync.source', { sourceId: alone })).toEqual([]);
    expect(callError(ctx, 'sync.source', { sourceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
