// `corroborate <command>`: the scripting door. Every command goes through the same dispatcher
// as the app; human output by default, --json for scripts.

import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { methods, type MethodName, type Output } from '../core/api.js';
import type { Context } from '../core/context.js';
import { dispatch, dispatchAsync } from '../core/dispatcher.js';
import { toErrorBody, type ApiErrorBody } from '../core/errors.js';
import { libraryInUse, libraryLockHolder } from '../db/index.js';
import { defaultLibraryPath, packageRoot, resolveLibraryPath } from '../core/paths.js';
import { recentLibrariesFile } from '../core/libraries.js';
import { openFailure } from '../core/recovery.js';
import { closeSession, openSession, openSessionOrLocked } from '../core/session.js';
import { canPrompt, givenNewPassphrase, givenPassphrase, PassphraseSourceError, prompt, promptNewPassphrase } from './passphrase.js';
import { newPassphrase as newPassphraseRule } from '../core/schemas.js';
import { archiveUsage, isArchiveCommand, restoreUnopenable } from './archive.js';
import { COMMANDS, commandHelp, generalHelp, takesArguments, type Flag } from './commands.js';
import { formatTable, highlight } from './format.js';
import { EXIT, fail, safeJson, succeed, usageError } from './output.js';
import { withStages } from './progress.js';

class UsageError extends Error {}

/** Commands that replace the library file: refused while another process holds the library. */
const REPLACES_THE_FILE = new Set(['restore', 'encrypt', 'change-passphrase', 'decrypt']);

export interface Flags {
  library?: string;
  json?: boolean;
  port?: string;
  open?: boolean;
  case?: string;
  note?: string;
  profile?: string;
  format?: string;
  help?: boolean;
  version?: boolean;
  out?: string;
  replace?: boolean;
  force?: boolean;
  create?: boolean;
  encrypt?: boolean;
  type?: string;
  partial?: boolean;
  'passphrase-file'?: string;
  'new-passphrase-file'?: string;
  data?: string;
  host?: string;
  redis?: string;
  'case-name'?: string;
  member?: string;
  role?: string;
  server?: string;
  token?: string;
  once?: boolean;
}

const GLOBAL_FLAGS = new Set(['library', 'json', 'help', 'version', 'passphrase-file']);

function version(): string {
  return (JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  let flags: Flags;
  let positionals: string[];
  try {
    ({ values: flags, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        library: { type: 'string' },
        json: { type: 'boolean' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        case: { type: 'string' },
        note: { type: 'string' },
        profile: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        out: { type: 'string' },
        replace: { type: 'boolean' },
        force: { type: 'boolean' },
        create: { type: 'boolean' },
        encrypt: { type: 'boolean' },
        type: { type: 'string' },
        partial: { type: 'boolean' },
        'passphrase-file': { type: 'string' },
        'new-passphrase-file': { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string' },
        redis: { type: 'string' },
        'case-name': { type: 'string' },
        member: { type: 'string' },
        role: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
        once: { type: 'boolean' },
        source: { type: 'string' },
        revoke: { type: 'boolean' },
      },
    }));
  } catch (err) {
    // Node's message names the option, then advises on `--`: the first sentence is ours to show.
    const message = (err as Error).message.split(/(?<=\.) /)[0]!;
    return usageError({ json: argv.includes('--json') }, message);
  }
  const [command, ...args] = positionals;
  if (flags.version) return succeed(flags, { version: version() }, () => version());
  if (command === 'help' || (!command && flags.help)) return help(args[0], flags);
  if (!command) return usageError(flags, 'Name a command');
  const spec = COMMANDS[command];
  if (!spec) return usageError(flags, `Unknown command “${command}”`);
  if (flags.help) return help(command, flags);
  const stray = Object.keys(flags).find((f) => !GLOBAL_FLAGS.has(f) && !spec.flags.includes(f as Flag));
  if (stray) return usageError(flags, `${command} does not take --${stray}`, command);
  if (!takesArguments(spec, args.length)) {
    return usageError(flags, spec.args ? `${command} takes ${spec.args}${args.length ? ` (got “${args.join(' ')}”)` : ''}` : `${command} takes no arguments (got “${args.join(' ')}”)`, command);
  }

  if (command === 'methods') return args.length ? usageError(flags, 'methods takes no arguments', command) : listMethods(flags);
  if (command === 'extract-quotes') {
    if (args.length !== 1) return usageError(flags, 'extract-quotes takes one file, e.g. corroborate extract-quotes article.html --json', command);
    const { extractQuotesCommand } = await import('./extract-quotes.js');
    return extractQuotesCommand(args[0]!, flags);
  }

  if (command === 'sync-server') return (await import('./sync.js')).syncServerCommand(args, flags);

  if (isArchiveCommand(command)) {
    const wrong = archiveUsage(command, args, flags);
    if (wrong) return usageError(flags, wrong, command);
  }

  const libraryPath = resolveLibraryPath(flags.library);
  // Said before the library is opened and checked, or a passphrase asked for: the method
  // itself refuses too (core/session.ts withLibraryHeld), whichever door calls it.
  const holder = REPLACES_THE_FILE.has(command) ? libraryLockHolder(libraryPath) : null;
  if (holder) return fail(flags, toErrorBody(libraryInUse(holder)));
  let ctx: Context;
  try {
    ctx = await openForCommand(libraryPath, command, flags);
  } catch (err) {
    if (err instanceof PassphraseSourceError) return fail(flags, { code: 'BAD_INPUT', message: err.message });
    const body = toErrorBody(err);
    if (body.code === 'LIBRARY_NOT_FOUND') return fail(flags, notFound(libraryPath, flags, spec.creates === 'with --create' ? command : undefined));
    if (command === 'restore' && !['PASSPHRASE_REQUIRED', 'WRONG_PASSPHRASE'].includes(body.code)) return restoreUnopenable(libraryPath, args, flags, givenPassphrase(flags));
    const { backup: _backup, ...failure } = openFailure(libraryPath, err);
    if (failure.code === 'PASSPHRASE_REQUIRED') failure.message += ' Give it with --passphrase-file PATH or $CORROBORATE_PASSPHRASE, or run the command in a terminal to be asked for it.';
    return fail(flags, failure);
  }
  try {
    return await run(ctx, command, args, flags);
  } catch (err) {
    if (err instanceof UsageError) return usageError(flags, err.message, command);
    throw err;
  } finally {
    closeSession(ctx);
  }
}

async function help(command: string | undefined, flags: Flags): Promise<number> {
  if (command === undefined || command === 'help') return succeed(flags, { usage: generalHelp() }, generalHelp);
  if (!COMMANDS[command]) return usageError(flags, `Unknown command “${command}”`);
  const text = await commandHelp(command);
  return succeed(flags, { command, usage: text }, () => text);
}

/** No library where one was expected: said, with how to make one; nothing is created. */
function notFound(libraryPath: string, flags: Flags, creatable?: string): ApiErrorBody {
  const where = flags.library ? ` --library ${JSON.stringify(libraryPath)}` : '';
  const create = creatable ? ` (or run ${creatable} again with --create)` : '';
  return { code: 'LIBRARY_NOT_FOUND', message: `No library at ${libraryPath}. Create one with corroborate init${where}${create}, or check the path.` };
}

/**
 * Opens the library for a command: with the passphrase given by file or environment, else, when
 * the library turns out to be encrypted, asked on the terminal (three tries). `serve` starts
 * locked instead, and the page asks for it. `init --encrypt` creates the library encrypted.
 */
export async function openForCommand(libraryPath: string, command: string, flags: Flags): Promise<Context> {
  // Only a long-running door (serve, the app) keeps automatic backups, and holds the library's
  // lock: a second serve, the app, a restore or a change of encryption elsewhere is refused.
  const creates = COMMANDS[command]?.creates;
  const serve = command === 'serve';
  const options = {
    automaticBackups: serve,
    // serve is a door like the app: it keeps the reporter's recent libraries.
    ...(serve ? { hold: 'corroborate serve', recentFile: recentLibrariesFile() } : {}),
    // serve makes the default library on the very first run (`npm start` on a new laptop), but
    // never one at a path it was given, which is more likely mistyped than new.
    create: creates === 'yes' || (creates === 'with --create' && Boolean(flags.create)) || (serve && libraryPath === defaultLibraryPath()),
  };
  const given = givenPassphrase(flags);
  if (command === 'init' && flags.encrypt) {
    if (existsSync(libraryPath)) throw new PassphraseSourceError(`There is a library at ${libraryPath} already: encrypt it with \`corroborate encrypt\`.`);
    const passphrase = givenNewPassphrase(flags) ?? (canPrompt() ? await promptNewPassphrase() : undefined);
    if (!passphrase) throw new PassphraseSourceError('A new passphrase is needed: --new-passphrase-file PATH, $CORROBORATE_NEW_PASSPHRASE, or run init in a terminal.');
    // The rule library.encrypt applies, from its own schema.
    const checked = newPassphraseRule.safeParse(passphrase);
    if (!checked.success) throw new PassphraseSourceError(`That new passphrase will not do: give ${checked.error.issues[0]!.message}.`);
    return openSession(libraryPath, { ...options, passphrase });
  }
  if (command === 'serve') return openSessionOrLocked(libraryPath, { ...options, ...(given !== undefined ? { passphrase: given } : {}) });
  try {
    return openSession(libraryPath, { ...options, ...(given !== undefined ? { passphrase: given } : {}) });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (given !== undefined || code !== 'PASSPHRASE_REQUIRED' || !canPrompt()) throw err;
  }
  for (let tries = 1; ; tries++) {
    const passphrase = await prompt(`Passphrase for ${libraryPath}: `);
    try {
      return openSession(libraryPath, { ...options, passphrase });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'WRONG_PASSPHRASE' || tries === 3) throw err;
      console.error('That passphrase does not unlock the library. Try again.');
    }
  }
}

/** The new passphrase for encrypt and change-passphrase: by file, environment, or asked twice. */
async function newPassphrase(flags: Flags): Promise<string> {
  const given = givenNewPassphrase(flags) ?? (canPrompt() ? await promptNewPassphrase() : undefined);
  if (!given) throw new UsageError('A new passphrase is needed: --new-passphrase-file PATH or $CORROBORATE_NEW_PASSPHRASE (or run the command in a terminal to be asked).');
  return given;
}

/** The current passphrase, re-typed for change-passphrase and decrypt (or given by file or environment). */
async function currentPassphrase(flags: Flags): Promise<string> {
  const given = givenPassphrase(flags) ?? (canPrompt() ? await prompt('Current passphrase: ') : undefined);
  if (!given) throw new UsageError('The current passphrase is needed: --passphrase-file PATH or $CORROBORATE_PASSPHRASE (or run the command in a terminal to be asked).');
  return given;
}

async function run(ctx: Context, command: string, args: string[], flags: Flags): Promise<number> {
  const call = <N extends MethodName>(name: N, input: unknown): Output<N> => {
    const res = dispatch(ctx, name, input);
    if (!res.ok) throw new CommandFailed(res.error);
    return res.value as Output<N>;
  };
  const noArgs = () => {
    if (args.length) throw new UsageError(`${command} takes no arguments (got “${args.join(' ')}”).`);
  };
  try {
    switch (command) {
      case 'init': {
        noArgs();
        const d = call('library.doctor', {});
        return succeed(flags, { library: ctx.libraryPath, schemaVersion: d.schemaVersion }, () => `Library ready at ${ctx.libraryPath} (schema ${d.schemaVersion}).`);
      }
      case 'demo': {
        noArgs();
        const r = call('demo.load', {});
        return succeed(flags, r, () => (r.created ? `Loaded the demo case “Precursor pipeline” (${r.caseId}).` : `The demo case is already in this library (${r.caseId}); nothing was added.`));
      }
      case 'cases': {
        noArgs();
        const cases = call('cases.list', {});
        return succeed(flags, cases, () =>
          cases.length ? formatTable(['id', 'title', 'claims', 'documents', 'notes'], cases.map((c) => [c.id, c.title, c.counts.claims, c.counts.documents, c.counts.notes])) : 'No cases yet. `corroborate demo` loads an example.',
        );
      }
      case 'search': {
        if (!args.length) throw new UsageError('search needs a query, e.g. corroborate search "precursor chemicals"');
        const r = call('search.query', { query: args.join(' '), ...(flags.case ? { caseId: flags.case } : {}) });
        return succeed(flags, r, () => (r.suggestion ? `Showing results for ${r.suggestion}\n` : '') + (r.hits.length ? r.hits.map((h) => `${h.type.padEnd(8)} ${h.title.slice(0, 70)}\n         ${highlight(h.snippet)}\n         ${h.id}`).join('\n') : 'Nothing found.'));
      }
      case 'import': {
        if (args.length !== 1) throw new UsageError('import takes one file, e.g. corroborate import report.pdf --case 01H…');
        return await (await import('./import.js')).importCommand(ctx, args[0]!, flags);
      }
      case 'import-records':
        return await (await import('./import-records.js')).importRecordsCommand(ctx, args[0]!, flags);
      case 'export': {
        noArgs();
        return await (await import('./export.js')).exportCommand(ctx, flags);
      }
      case 'stats': {
        noArgs();
        const r = call('library.stats', {});
        return succeed(flags, r, () =>
          `${r.library}\n` +
          formatTable(['records', 'count', 'in trash'], Object.entries(r.counts).map(([k, v]) => (typeof v === 'number' ? [k, v, ''] : [k, v.live, v.trashed]))),
        );
      }
      case 'doctor': {
        noArgs();
        const d = call('library.doctor', {});
        succeed(flags, d, () =>
          [
            `library          ${d.library}`,
            `schema version   ${d.schemaVersion} (this version reads up to ${d.latestVersion})`,
            `journal mode     ${d.journalMode}`,
            `synchronous      ${d.synchronous}`,
            `foreign keys     ${d.foreignKeys ? 'on' : 'OFF'}`,
            `secure delete    ${d.secureDelete ? 'on' : 'off'}`,
            `integrity check  ${d.integrityCheck}`,
            `search indexes   ${d.ftsIntegrity}`,
            ...d.warnings.map((w) => `WARNING          ${w.message}`),
            d.ok ? 'All good.' : 'PROBLEMS FOUND: see above.',
          ].join('\n'),
        );
        return d.ok ? 0 : 1;
      }
      case 'call': {
        const [name, raw, ...rest] = args;
        if (!name || rest.length) throw new UsageError('call takes a method name and at most one JSON argument, e.g. corroborate call cases.list \'{}\'');
        let input: unknown;
        const text = raw === '-' ? readFileSync(0, 'utf8') : raw;
        if (text !== undefined && text.trim() !== '') {
          try {
            input = JSON.parse(text);
          } catch {
            return fail({ json: true }, { code: 'BAD_JSON', message: 'The input is not valid JSON.' });
          }
        }
        const res = await dispatchAsync(ctx, name, input);
        console.log(safeJson(res));
        return res.ok ? EXIT.ok : EXIT.failed;
      }
      case 'serve': {
        noArgs();
        return await (await import('./serve.js')).serveCommand(ctx, flags);
      }
      case 'encrypt': {
        noArgs();
        const passphrase = await newPassphrase(flags);
        const r = withStages(ctx, flags, () => call('library.encrypt', { passphrase, confirm: true }));
        return succeed(flags, r, () => `Encrypted ${ctx.libraryPath}, ${r.files} original file(s) and ${r.backups} backup(s).${left(r.backupsLeft)}\nIt opens only with its passphrase now: keep it safe, it cannot be recovered.`);
      }
      case 'change-passphrase': {
        noArgs();
        const current = await currentPassphrase(flags);
        const next = await newPassphrase(flags);
        const r = withStages(ctx, flags, () => call('library.changePassphrase', { current, next }));
        return succeed(flags, r, () => `Changed the passphrase of ${ctx.libraryPath} and of ${r.backups} backup(s).${left(r.backupsLeft)}`);
      }
      case 'decrypt': {
        noArgs();
        if (!flags.force) return fail(flags, { code: 'NEEDS_FORCE', message: `decrypt leaves ${ctx.libraryPath}, its backups and original files readable by anyone who gets a copy. Run again with --force to go ahead.` });
        const passphrase = await currentPassphrase(flags);
        const r = withStages(ctx, flags, () => call('library.decrypt', { passphrase, confirm: true }));
        return succeed(flags, r, () => `Removed the encryption of ${ctx.libraryPath}, ${r.files} original file(s) and ${r.backups} backup(s).${left(r.backupsLeft)}`);
      }
      case 'share':
      case 'join':
      case 'sync':
      case 'grant':
        return await (await import('./sync.js')).deskCommand(ctx, command, args, flags);
      case 'archive':
      case 'unarchive':
      case 'backup':
      case 'backups':
      case 'restore':
        return await (await import('./archive.js')).archiveCommand(ctx, command, args, flags);
      default:
        throw new UsageError(`Unknown command “${command}”.`);
    }
  } catch (err) {
    if (err instanceof CommandFailed) return fail(flags, err.body);
    throw err;
  }
}

const left = (names: string[]) => (names.length ? `\nNot converted (made with another passphrase, or damaged): ${names.join(', ')}.` : '');

class CommandFailed extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

function listMethods(flags: Flags): number {
  const list = Object.entries(methods).map(([name, m]) => ({
    name,
    summary: m.summary,
    writes: m.write,
    input: z.toJSONSchema(m.input, { io: 'input', unrepresentable: 'any' }),
  }));
  return succeed(flags, list, () => list.map((m) => `${m.name.padEnd(20)} ${m.summary}`).join('\n'));
}
