// Every command the CLI knows, with the flags it takes and its help page. The one list the
// argument checks, `corroborate help`, `help <command>` and `<command> --help` all read, so a
// command cannot exist without its help, nor a flag be accepted by a command that ignores it.

import { BUILT_IN_PROFILES } from '../core/export/profiles.js';

/** How a command treats a library that does not exist yet. */
export type Creates = 'yes' | 'with --create' | 'no' | 'needs none';

export interface CommandSpec {
  /** Arguments after the command, as the usage line shows them ([optional]). */
  args: string;
  /** The last argument takes every word left (a search query). */
  variadic?: true;
  /** One line for the command list. */
  summary: string;
  /** Flags beyond the global ones (--library, --json, --passphrase-file, --help). */
  flags: readonly Flag[];
  creates: Creates;
  /** The help page's paragraph and examples. */
  about: string;
  examples: readonly string[];
}

export type Flag =
  | 'case'
  | 'note'
  | 'profile'
  | 'format'
  | 'out'
  | 'force'
  | 'replace'
  | 'create'
  | 'port'
  | 'open'
  | 'encrypt'
  | 'new-passphrase-file'
  | 'type'
  | 'partial'
  | 'data'
  | 'host'
  | 'redis'
  | 'case-name'
  | 'member'
  | 'role'
  | 'server'
  | 'token'
  | 'once'
  | 'source'
  | 'revoke';

const FLAG_HELP: Record<Flag, string> = {
  case: '--case ID            the case (`corroborate cases` lists them; not needed when there is one)',
  note: '--note ID            only the claims cited in this note',
  profile: `--profile NAME       ${Object.values(BUILT_IN_PROFILES).map((p) => p.label).join(', ')} (typed any way: fact-checker, factChecker, "Fact checker"), or a custom profile as JSON or a .json file`,
  format: '--format FORMAT      ',
  out: '--out PATH           the file to write (or a folder to write it in)',
  force: '--force              go ahead: replace an existing file, or confirm what cannot be undone',
  replace: '--replace            replace the case if this library has it already',
  create: '--create             create the library if there is none at --library',
  port: '--port N             the port to listen on (default: the library’s own port, else any free one; 0: any free one)',
  open: '--open               open the app in a browser window',
  encrypt: '--encrypt            create the library encrypted (asks for a new passphrase)',
  'new-passphrase-file': '--new-passphrase-file PATH  the new passphrase: the file’s first line (else $CORROBORATE_NEW_PASSPHRASE, else asked twice)',
  type: '--type TYPE          the kind of record each row of a CSV file is: claim (the default), source, document, claimLink, evidence',
  partial: '--partial            save the valid rows even when some are refused (each batch is saved as it goes)',
  data: '--data DIR           the folder where the sync server keeps members and shared cases',
  host: '--host H             the address to listen on (default 127.0.0.1: this machine only)',
  redis: '--redis URL          redis://host:port, to run several sync servers as one',
  'case-name': '--case-name NAME     the shared case’s name on the server',
  member: '--member NAME        the member’s name, as the desk sees it',
  role: '--role ROLE           reporter, editor, fact-checker or lawyer',
  server: '--server URL         the sync server’s address (ws://… or wss://…)',
  token: '--token TOKEN        the invitation the desk gave you',
  once: '--once               send and fetch everything, then stop',
  source: '--source ID          the source (`corroborate sources` lists them)',
  revoke: '--revoke             take the grant back instead',
};

export const COMMANDS: Record<string, CommandSpec> = {
  init: {
    args: '',
    summary: 'create the library (if new) and say where it is',
    flags: ['encrypt', 'new-passphrase-file'],
    creates: 'yes',
    about: 'Creates an empty library at --library (or the default place) unless one is there, and prints where it is and its schema version. With --encrypt the new library is encrypted with a passphrase you choose.',
    examples: ['corroborate init --library ~/cases/pipeline.corroborate', 'corroborate init --encrypt'],
  },
  demo: {
    args: '',
    summary: 'load the demo case "Precursor pipeline" (once)',
    flags: [],
    creates: 'yes',
    about: 'Adds the demo case to the library (creating the library if needed). Run twice, it adds nothing the second time.',
    examples: ['corroborate demo'],
  },
  cases: {
    args: '',
    summary: 'list the cases',
    flags: [],
    creates: 'no',
    about: 'Lists the cases in the library with their ids and how many claims, documents and notes each holds.',
    examples: ['corroborate cases', 'corroborate cases --json'],
  },
  search: {
    args: 'QUERY',
    variadic: true,
    summary: 'search claims, sources, documents, excerpts and notes',
    flags: ['case'],
    creates: 'no',
    about: 'Searches everything at once, forgiving typos ("fentenyl" finds fentanyl). Matches are shown in [brackets].',
    examples: ['corroborate search "precursor chemicals"', 'corroborate search broker --case 01H… --json'],
  },
  import: {
    args: 'FILE',
    summary: 'import a .txt, .md, .html, .pdf or .docx file as evidence',
    flags: ['case', 'create'],
    creates: 'with --create',
    about: 'Imports a file as an evidence document of a case, keeping the original. Text files may be UTF-8, UTF-16 or Windows-1252. Importing the same file twice adds nothing.',
    examples: ['corroborate import report.pdf --case 01H…'],
  },
  'import-records': {
    args: 'FILE',
    summary: 'import many sources, claims, documents and links from JSONL, CSV or a ClaimReview feed',
    flags: ['case', 'type', 'partial', 'format'],
    creates: 'no',
    about:
      'Imports a file of records into a case, read as a stream in batches, with progress on a terminal; Ctrl+C cancels. ' +
      'JSONL: one record a line, {"type": "source" | "claim" | "document" | "claimLink" | "evidence", …} with the fields of the matching *.create method (`corroborate methods --json`), ' +
      'an optional "ref" later lines may use in place of an id, and a claim’s sources by name ("sources": ["Bryce Pardo"]: matched to the sources you have, whatever the case, accents or spacing, and created when new). ' +
      'CSV: a header row naming the same fields, one kind of record a file (--type); lists (tags, sources, aliases) separated by semicolons. ' +
      'JSON: a schema.org ClaimReview feed; each review gives a claim (its status from the rating), the fact-check as a document, and the evidence link between them. ' +
      'The file lands whole or not at all: a refused row (listed with its line and reason), a failure or Ctrl+C saves nothing. With --partial the valid rows are saved and the refused ones listed. ' +
      'Imported records are ordinary records: each can be edited or moved to the trash. The import is one undo step: Undo in the app (`corroborate call undo.last`) moves what it added to the trash, from where each record can be restored. Files of up to 4 GB.',
    examples: ['corroborate import-records claims.jsonl --case 01H…', 'corroborate import-records spreadsheet.csv --type claim --partial', 'corroborate import-records feed.json --case 01H… --json'],
  },
  export: {
    args: '',
    summary: 'a source packet for an editor, fact-checker or lawyer',
    flags: ['case', 'note', 'profile', 'format', 'out', 'force'],
    creates: 'no',
    about: 'Writes an annotated source packet of a case, redacted as the profile says. An existing file is replaced only with --force; the library and its files never are.',
    examples: ['corroborate export --case 01H… --profile lawyer --format pdf --out packet.pdf', 'corroborate export --profile fact-checker --format zip --out ~/Desktop/'],
  },
  'extract-quotes': {
    args: 'FILE',
    summary: 'the quotations in a file and who said them (no library needed)',
    flags: [],
    creates: 'needs none',
    about:
      'Reads a file as import would and lists its quotations with the speaker each is attributed to, and their offsets in the text. With --json it prints a bare array [{quote, speaker, start, end, sentence, speakerDetail}], not the envelope: the format quote scorers read (an error is still an envelope).',
    examples: ['corroborate extract-quotes article.html --json'],
  },
  stats: {
    args: '',
    summary: 'how many records of each kind',
    flags: [],
    creates: 'no',
    about: 'Counts the records of each kind in the library, and those in the trash.',
    examples: ['corroborate stats --json'],
  },
  doctor: {
    args: '',
    summary: 'schema version, durability settings, integrity checks',
    flags: [],
    creates: 'no',
    about: 'Checks the library: schema version, journal mode, synchronous writes, foreign keys, the integrity of the file and of its search indexes. Exits 1 when it finds a problem.',
    examples: ['corroborate doctor'],
  },
  methods: {
    args: '',
    summary: 'every API method (with --json: their input JSON Schemas)',
    flags: [],
    creates: 'needs none',
    about: 'Lists every method of the API that `call`, the app and `serve` use, with a summary; with --json, each one’s input as a JSON Schema.',
    examples: ['corroborate methods', 'corroborate methods --json'],
  },
  call: {
    args: 'METHOD [JSON|-]',
    summary: 'run any API method with JSON input (- reads it from stdin)',
    flags: [],
    creates: 'no',
    about: 'Runs one API method with its input as JSON and prints the API envelope, as --json does for every command.',
    examples: ['corroborate call cases.create \'{"title": "Pipeline"}\'', 'echo \'{}\' | corroborate call cases.list -'],
  },
  'sync-server': {
    args: '[invite|remove|members]',
    summary: 'run a sync server for a desk, or invite and remove its members',
    flags: ['data', 'port', 'host', 'redis', 'case-name', 'member', 'role'],
    creates: 'needs none',
    about:
      'Runs the server a desk shares cases through (Yjs over WebSocket), keeping everything in --data DIR. It listens on 127.0.0.1 unless --host is given; put TLS in front of it (a reverse proxy) before members connect from other machines. With --json it prints one line, {"url","port"}, once listening. `invite` prints a one-time invitation for a member in a role; `remove` cuts a member off at once; `members` lists them.',
    examples: [
      'corroborate sync-server --data ~/desk-server --port 8460 --json',
      'corroborate sync-server invite --data ~/desk-server --case-name harbour --member "Ana" --role reporter',
      'corroborate sync-server remove --data ~/desk-server --case-name harbour --member "Ben"',
    ],
  },
  share: {
    args: '',
    summary: 'share a case with a desk through its sync server',
    flags: ['case', 'server', 'token'],
    creates: 'no',
    about: 'Sends the case to the sync server with your invitation and keeps it shared. Confidential sources go as their description and claims: their names, aliases and contact details stay in this library.',
    examples: ['corroborate share --case 01H… --server ws://127.0.0.1:8460 --token inv_…'],
  },
  join: {
    args: 'URL',
    summary: 'bring a case a desk shares into this library',
    flags: ['token', 'create'],
    creates: 'with --create',
    about: 'Uses your invitation to fetch the shared case from the sync server into this library, then keeps it in step with `corroborate sync`.',
    examples: ['corroborate join ws://127.0.0.1:8460 --token inv_…'],
  },
  sync: {
    args: '',
    summary: 'keep shared cases in step with their sync server',
    flags: ['case', 'once'],
    creates: 'no',
    about: 'Sends the changes made here and fetches the desk’s, until Ctrl+C (or, with --once, until everything is sent and acknowledged). Changes made while offline wait in the library and go out next time.',
    examples: ['corroborate sync', 'corroborate sync --once --json'],
  },
  grant: {
    args: '',
    summary: 'grant a desk member a confidential source’s identity, end-to-end encrypted',
    flags: ['case', 'source', 'member', 'revoke'],
    creates: 'no',
    about:
      'Seals the identity of a confidential source you hold (name, aliases, role, contact details, notes) to the named member’s key, so that only their library can open it; the server and the other members see ciphertext. The member must have joined and connected once. With --revoke, their sealed copy leaves the case and their library drops the identity at its next sync; what they already saw cannot be unseen.',
    examples: ['corroborate grant --case 01H… --source 01H… --member "Ben"', 'corroborate grant --case 01H… --source 01H… --member "Ben" --revoke'],
  },
  serve: {
    args: '',
    summary: 'serve the app to a browser on this machine',
    flags: ['port', 'open', 'create'],
    creates: 'with --create',
    about:
      'Serves the app on 127.0.0.1 (this machine only) with a per-launch token, until Ctrl+C. It is the app in a browser: on first use it creates the default library, in your user data folder; a library named with --library or $CORROBORATE_LIBRARY must exist already, unless --create is given. Each library is served on a port of its own, the same at every launch when it is free, so the browser reopens the case and view you left. With --json it prints one line, {"ok":true,"value":{"url","port","token"}}, once it is ready.',
    examples: ['corroborate serve --open', 'corroborate --library ~/investigations/pipeline.corroborate serve --create', 'corroborate serve --port 8450 --json'],
  },
  archive: {
    args: '',
    summary: 'a lossless archive of a case (ZIP: records, logs, files)',
    flags: ['case', 'out', 'force'],
    creates: 'no',
    about: 'Writes a case with every record, log and original file to a ZIP that `unarchive` reads back with the same ids.',
    examples: ['corroborate archive --case 01H… --out pipeline.zip'],
  },
  unarchive: {
    args: 'FILE',
    summary: 'put an archived case into the library, ids preserved',
    flags: ['replace', 'create'],
    creates: 'with --create',
    about: 'Reads an archive made by `archive` into the library. A case the library has already is refused unless --replace.',
    examples: ['corroborate unarchive pipeline.zip', 'corroborate --library new.corroborate unarchive pipeline.zip --create'],
  },
  backup: {
    args: 'DEST',
    summary: 'back the library up to a new file or folder',
    flags: ['force'],
    creates: 'no',
    about: 'Makes a consistent copy of the library (SQLite online backup) while it may be in use. DEST is a new file, or a folder to put it in.',
    examples: ['corroborate backup ~/backups/'],
  },
  backups: {
    args: '',
    summary: 'the automatic backups kept beside the library',
    flags: [],
    creates: 'no',
    about: 'Lists the backups the app and serve keep beside the library, newest first.',
    examples: ['corroborate backups'],
  },
  restore: {
    args: 'BACKUP',
    summary: 'replace the library with a backup (the current one is kept aside)',
    flags: ['force'],
    creates: 'no',
    about: 'Puts a backup (a file, or a name `backups` lists) in place of the library. The library as it was is kept beside it, never deleted. Needs --force.',
    examples: ['corroborate restore auto-2026-12-01T09-30-00Z.corroborate --force'],
  },
  encrypt: {
    args: '',
    summary: 'encrypt the library, its backups and original files',
    flags: ['new-passphrase-file'],
    creates: 'no',
    about: 'Encrypts the library, its backups and its original files with a new passphrase. It cannot be recovered if lost.',
    examples: ['corroborate encrypt', 'corroborate encrypt --new-passphrase-file ~/pass.txt'],
  },
  'change-passphrase': {
    args: '',
    summary: 'change the passphrase of an encrypted library (and of its backups)',
    flags: ['new-passphrase-file'],
    creates: 'no',
    about: 'Asks for the current passphrase and a new one, and re-encrypts the library and its backups with the new one.',
    examples: ['corroborate change-passphrase'],
  },
  decrypt: {
    args: '',
    summary: 'remove the library’s encryption',
    flags: ['force'],
    creates: 'no',
    about: 'Removes the encryption of the library, its backups and original files. Needs --force and the current passphrase.',
    examples: ['corroborate decrypt --force'],
  },
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

/** Whether the command takes this many arguments, as its usage line says. */
export function takesArguments(spec: CommandSpec, count: number): boolean {
  const words = spec.args.split(' ').filter(Boolean);
  const required = words.filter((w) => !w.startsWith('[')).length;
  return count >= required && (spec.variadic || count <= words.length);
}

const EXIT_CODES = `Exit codes: 0 done; 1 the work failed (the message says why); 2 the command line was wrong.`;

const GLOBAL_OPTIONS = `Options for every command:
  --library PATH   the library file (default: $CORROBORATE_LIBRARY, else your data folder)
  --json           print the API envelope: {"ok":true,"value":…} or {"ok":false,"error":{"code","message"}}
  --passphrase-file PATH       an encrypted library's passphrase: the file's first line
                               (else $CORROBORATE_PASSPHRASE, else asked on a terminal)
  -h, --help       help (corroborate help COMMAND, or COMMAND --help)
  -v, --version    the version`;

export function generalHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((n) => n.length));
  return [
    'Usage: corroborate [--library PATH] [--json] <command> [arguments]',
    '',
    'Commands:',
    ...COMMAND_NAMES.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    '',
    GLOBAL_OPTIONS,
    '',
    'Only init and demo create a library (serve only the default one; import, unarchive and serve with --create); any other command on a path with no library says so.',
    'A passphrase is never given as an argument: every user of the machine can read those.',
    EXIT_CODES,
  ].join('\n');
}

export async function commandHelp(name: string): Promise<string> {
  const c = COMMANDS[name]!;
  // The packet formats come from the export registry, loaded only when its help is asked for.
  const formats = !c.flags.includes('format')
    ? ''
    : name === 'import-records'
      ? 'jsonl, csv or claimreview (a ClaimReview JSON-LD feed); by default, from the file’s extension'
      : (await import('../core/export/index.js')).FORMAT_NAMES.join(', ');
  const flags = c.flags.map((f) => `  ${FLAG_HELP[f]}${f === 'format' ? formats : ''}`);
  return [
    `Usage: corroborate ${name}${c.args ? ` ${c.args}` : ''}${c.flags.length ? ' [options]' : ''}`,
    '',
    c.about,
    ...(flags.length ? ['', 'Options:', ...flags] : []),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
    '',
    GLOBAL_OPTIONS,
    '',
    EXIT_CODES,
  ].join('\n');
}
