// The reporter's preferences: whose name the verification log and a packet's cover record (never
// the OS account), the theme and the idle lock.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, callError, tempDir, tempLibrary } from '../test/helpers.js';
import { buildPacket } from './export/model.js';
import { BUILT_IN_PROFILES } from './export/profiles.js';
import { DEFAULT_IDLE_LOCK_MINUTES } from './handlers/preferences.js';
import { UNNAMED_CHECKER } from './preference-keys.js';
import { closeSession, openSession } from './session.js';

/** A library opened by a door that was given no name (no CORROBORATE_CHECKER). */
function unnamedLibrary() {
  const ctx = { ...tempLibrary(), checker: '' };
  const caseId = call(ctx, 'cases.create', { title: 'Pipeline' }).id;
  const claimId = call(ctx, 'claims.create', { caseId, statement: 'The permit was never filed.' }).id;
  return { ctx, caseId, claimId };
}

afterEach(() => vi.unstubAllEnvs());

describe('the reporter’s name', () => {
  it('is asked for, and the log says “Unnamed reporter” until it is given, then the name', () => {
    const { ctx, caseId, claimId } = unnamedLibrary();
    expect(call(ctx, 'preferences.get', {})).toMatchObject({ checkerName: UNNAMED_CHECKER, named: false });
    call(ctx, 'claims.setStatus', { id: claimId, status: 'in_progress' });
    expect(buildPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.factChecker }).exportedBy).toBe(UNNAMED_CHECKER);

    expect(call(ctx, 'preferences.set', { checkerName: '  Ines Okafor ' })).toMatchObject({ checkerName: 'Ines Okafor', named: true });
    call(ctx, 'claims.setStatus', { id: claimId, status: 'verified' });
    expect(call(ctx, 'verification.list', { claimId }).map((e) => e.checker)).toEqual([UNNAMED_CHECKER, 'Ines Okafor']);
    expect(buildPacket(ctx, { caseId, profile: BUILT_IN_PROFILES.factChecker }).exportedBy).toBe('Ines Okafor');
  });

  it('is never the OS account a door runs under', () => {
    vi.stubEnv('CORROBORATE_CHECKER', '');
    const ctx = openSession(join(tempDir(), 'lib.corroborate'), { automaticBackups: false });
    try {
      expect(ctx.checker).toBe('');
      expect(ctx.checker).not.toBe(userInfo().username);
      expect(call(ctx, 'preferences.get', {})).toMatchObject({ checkerName: UNNAMED_CHECKER, named: false });
    } finally {
      closeSession(ctx);
    }
  });

  it('counts as given when the door was started with CORROBORATE_CHECKER', () => {
    vi.stubEnv('CORROBORATE_CHECKER', ' Desk Seven ');
    const ctx = openSession(join(tempDir(), 'lib.corroborate'), { automaticBackups: false });
    try {
      expect(call(ctx, 'preferences.get', {})).toMatchObject({ checkerName: 'Desk Seven', named: true });
    } finally {
      closeSession(ctx);
    }
  });

  it('cannot be set to nothing', () => {
    const { ctx } = unnamedLibrary();
    expect(callError(ctx, 'preferences.set', { checkerName: '   ' }).code).toBe('BAD_INPUT');
    expect(call(ctx, 'preferences.get', {}).named).toBe(false);
  });
});

describe('theme and idle lock', () => {
  it('default to the system’s theme and a 10-minute idle lock, and change one at a time', () => {
    const { ctx } = unnamedLibrary();
    expect(call(ctx, 'preferences.get', {})).toMatchObject({ theme: 'system', idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES });
    expect(call(ctx, 'preferences.set', { theme: 'dark' })).toMatchObject({ theme: 'dark', idleLockMinutes: 10, named: false });
    expect(call(ctx, 'preferences.set', { idleLockMinutes: 0 })).toMatchObject({ theme: 'dark', idleLockMinutes: 0 });
    expect(call(ctx, 'preferences.get', {})).toMatchObject({ theme: 'dark', idleLockMinutes: 0 });
  });

  it('refuse a theme or a time they do not know', () => {
    const { ctx } = unnamedLibrary();
    for (const bad of [{ theme: 'solarized' }, { idleLockMinutes: -1 }, { idleLockMinutes: 2.5 }, { idleLockMinutes: 10_000 }, { idleLockMinutes: '5' }]) {
      expect(callError(ctx, 'preferences.set', bad).code).toBe('BAD_INPUT');
    }
    expect(call(ctx, 'preferences.get', {})).toMatchObject({ theme: 'system', idleLockMinutes: 10 });
  });

  it('read a damaged stored value as the default', () => {
    const { ctx } = unnamedLibrary();
    ctx.db.prepare("INSERT INTO meta (key, value) VALUES ('pref.theme', 'neon'), ('pref.idleLockMinutes', 'soon')").run();
    expect(call(ctx, 'preferences.get', {})).toMatchObject({ theme: 'system', idleLockMinutes: 10 });
  });
});
