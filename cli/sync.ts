// The desk's commands: `sync-server` (and its invite / remove / members), `share`, `join` and
// `sync`. The server needs no library; the others work on the library's shared cases.

import type { Context } from '../core/context.js';
import { dispatch } from '../core/dispatcher.js';
import { toErrorBody } from '../core/errors.js';
import { ROLES, type Role } from '../core/desk/schema.js';
import { openSyncStore, SyncStoreError } from '../db/sync-server.js';
import { joinCase, shareCase, syncCase } from '../sync/client.js';
import { startSyncServer } from '../sync/server.js';
import { formatTable } from './format.js';
import { EXIT, fail, succeed, usageError } from './output.js';

export interface SyncFlags {
  json?: boolean;
  port?: string;
  host?: string;
  data?: string;
  redis?: string;
  'case-name'?: string;
  member?: string;
  role?: string;
  case?: string;
  server?: string;
  token?: string;
  once?: boolean;
  source?: string;
  revoke?: boolean;
}

function untilSignalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

const wrongLine = (flags: SyncFlags, message: string, command: string) => usageError(flags, message, command);

/** `corroborate sync-server [invite|remove|members] --data DIR …` */
export async function syncServerCommand(args: string[], flags: SyncFlags, stopped?: Promise<void>): Promise<number> {
  const [sub] = args;
  if (!flags.data) return wrongLine(flags, 'sync-server needs --data DIR, the folder where it keeps the shared cases', 'sync-server');
  if (sub === undefined) return serve(flags, stopped);
  if (sub !== 'invite' && sub !== 'remove' && sub !== 'members') return wrongLine(flags, `sync-server takes invite, remove or members (got “${sub}”)`, 'sync-server');
  const caseName = flags['case-name'];
  if (sub !== 'members' && (!caseName || !flags.member)) return wrongLine(flags, `sync-server ${sub} needs --case-name NAME and --member NAME`, 'sync-server');
  if (caseName !== undefined && !/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u.test(caseName)) {
    return wrongLine(flags, 'A case name is letters, digits, spaces, dots, dashes or underscores, at most 100 characters', 'sync-server');
  }
  if (flags.member !== undefined && (flags.member.trim() === '' || flags.member.length > 100)) return wrongLine(flags, 'A member’s name is 1 to 100 characters', 'sync-server');
  const store = openSyncStore(flags.data);
  try {
    if (sub === 'invite') {
      if (!ROLES.includes(flags.role as Role)) return wrongLine(flags, `--role is one of ${ROLES.join(', ')}`, 'sync-server');
      const { token, member } = store.invite(caseName!, flags.member!.trim(), flags.role as Role);
      return succeed(flags, { token, caseName: member.caseName, member: member.name, role: member.role }, () =>
        `Invitation for ${member.name} (${member.role}) to “${member.caseName}”. Give them this token by a safe channel; it works once:\n${token}`,
      );
    }
    if (sub === 'remove') {
      const m = store.remove(caseName!, flags.member!.trim());
      return succeed(flags, { removed: m.name, caseName: m.caseName }, () => `${m.name} no longer has access to “${m.caseName}”; a running server closes their connections at once.`);
    }
    const list = store.members(caseName);
    return succeed(flags, list, () =>
      list.length
        ? formatTable(['case', 'member', 'role', 'joined', 'removed'], list.map((m) => [m.caseName, m.name, m.role, m.joinedAt ?? 'invited', m.removedAt ?? '']))
        : 'No members yet: `corroborate sync-server invite` invites one.',
    );
  } catch (err) {
    if (err instanceof SyncStoreError) return fail(flags, { code: err.code === 'MEMBER_EXISTS' ? 'CONFLICT' : err.code, message: err.message });
    throw err;
  } finally {
    store.close();
  }
}

async function serve(flags: SyncFlags, stopped: Promise<void> | undefined): Promise<number> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return wrongLine(flags, `--port must be a number from 0 to 65535 (got “${flags.port}”)`, 'sync-server');
  if (flags.redis !== undefined && !/^redis:\/\/[^\s/]+(:\d+)?\/?$/.test(flags.redis)) return wrongLine(flags, '--redis is an address like redis://127.0.0.1:6379', 'sync-server');
  let server;
  try {
    server = await startSyncServer({ dataDir: flags.data!, port, ...(flags.host ? { host: flags.host } : {}), ...(flags.redis ? { redis: flags.redis } : {}) });
  } catch (err) {
    return fail(flags, { code: 'BUSY', message: `The sync server could not start: ${(err as Error).message}` });
  }
  // One line: scripts read it to know the server is listening.
  if (flags.json) console.log(JSON.stringify({ url: server.url, port: server.port }));
  else console.log(`Sync server listening at ${server.url} (data in ${flags.data}). Ctrl+C stops it.\nPut TLS in front of it (a reverse proxy) before members connect from other machines.`);
  await (stopped ?? untilSignalled());
  await server.close();
  return EXIT.ok;
}

const failure = (flags: SyncFlags, err: unknown): number => fail(flags, toErrorBody(err));

/**
 * `grant --case ID --source ID --member NAME [--revoke]`: the members' keys are fetched first (a
 * sync), the grant is written, and a second sync sends it. Offline, the grant waits in the
 * library like any change, as long as the member's key was known already.
 */
async function grant(ctx: Context, flags: SyncFlags): Promise<number> {
  if (!flags.case || !flags.source || !flags.member) return wrongLine(flags, 'grant needs --case ID --source ID --member NAME', 'grant');
  const refreshed = await syncCase(ctx, flags.case, { once: true, timeoutMs: 15_000 }).done.then(
    () => true,
    () => false,
  );
  const input = { caseId: flags.case, sourceId: flags.source, member: flags.member };
  const r = dispatch(ctx, flags.revoke ? 'sync.revoke' : 'sync.grant', input);
  if (!r.ok) return fail(flags, r.error);
  const sent = refreshed && (await syncCase(ctx, flags.case, { once: true, timeoutMs: 15_000 }).done.then(() => true, () => false));
  const where = sent ? 'It is on the server.' : 'The sync server could not be reached: it goes out at the next sync.';
  return succeed(flags, { ...r.value, sent }, () =>
    flags.revoke
      ? `${flags.member} no longer holds this identity on the desk. ${where} What they already saw cannot be unseen.`
      : `${flags.member} can now see this source’s identity, sealed to their key only. ${where}\nTheir key’s fingerprint is ${r.value.fingerprint ?? '(unknown)'}: check it with them (their source page shows it) to know the server handed out the right key.`,
  );
}

/** `share`, `join` and `sync`, on an open library. */
export async function deskCommand(ctx: Context, command: 'share' | 'join' | 'sync' | 'grant', args: string[], flags: SyncFlags, stopped?: Promise<void>): Promise<number> {
  try {
    if (command === 'grant') return await grant(ctx, flags);
    if (command === 'share') {
      if (!flags.case || !flags.server || !flags.token) return wrongLine(flags, 'share needs --case ID --server URL --token INVITATION', 'share');
      const r = await shareCase(ctx, flags.case, flags.server, flags.token);
      return succeed(flags, r, () => `Shared the case with “${r.docName}” as ${r.member} (${r.role}). Everything is on the server.`);
    }
    if (command === 'join') {
      const [url] = args;
      if (!url || !flags.token) return wrongLine(flags, 'join needs the server address and --token INVITATION', 'join');
      const r = await joinCase(ctx, url, flags.token);
      return succeed(flags, r, () => `Joined “${r.docName}” as ${r.member} (${r.role}): the case is ${r.caseId} in this library.`);
    }
    const status = dispatch(ctx, 'sync.status', flags.case ? { caseId: flags.case } : {});
    if (!status.ok) return fail(flags, status.error);
    const cases = status.value;
    if (!cases.length) return fail(flags, { code: 'NOT_FOUND', message: flags.case ? 'That case is not shared with a desk.' : 'No case in this library is shared with a desk: `corroborate share` or `corroborate join` first.' });
    const links = cases.map((c) => syncCase(ctx, c.caseId, { once: Boolean(flags.once) }));
    if (!flags.once) {
      // One line once running, as serve does: scripts wait for it.
      if (flags.json) console.log(JSON.stringify({ ok: true, value: { syncing: cases.map((c) => c.caseId) } }));
      else console.log(`Keeping ${cases.length} shared case(s) in step. Ctrl+C stops.`);
      await Promise.race([stopped ?? untilSignalled(), ...links.map((l) => l.done)]);
      await Promise.all(links.map((l) => l.stop()));
    }
    const results = await Promise.allSettled(links.map((l) => l.done));
    const bad = results.find((r) => r.status === 'rejected');
    if (bad) return failure(flags, bad.reason);
    if (!flags.once && flags.json) return EXIT.ok;
    const after = dispatch(ctx, 'sync.status', {});
    const value = after.ok ? after.value : [];
    return succeed(flags, value, () => formatTable(['case', 'server', 'member', 'role', 'waiting'], value.map((c) => [c.caseId, c.server, c.member, c.role, c.waiting])));
  } catch (err) {
    return failure(flags, err);
  }
}
