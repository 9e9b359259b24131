// What every command prints. With --json: one API envelope on stdout, success or failure alike
// (`{"ok": true, "value": …}` / `{"ok": false, "error": {code, message}}`), so a script parses
// every command the same way. Without it: text for a person, on stdout, errors on stderr.
// Either way no control character reaches the terminal: a record may hold ESC sequences or
// bidi overrides (pasted from anywhere, or planted), and printing them raw would let a record
// rewrite the screen, hide text or reorder what the reporter reads.

import type { ApiErrorBody } from '../core/errors.js';

export interface OutputFlags {
  json?: boolean;
}

/** Exit codes, as the help says: 0 done, 1 the work failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

// C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
// isolates (and the invisible marks that steer them).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: every control character that could act on it removed. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, '');
}

/**
 * JSON with the same characters escaped (`\u001b`, `\u202e`): still the same value to a parser,
 * but inert if a person pipes it to a terminal. JSON.stringify escapes only C0 itself.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function succeed(flags: OutputFlags, value: unknown, human: () => string): number {
  if (flags.json) console.log(safeJson({ ok: true, value }));
  else console.log(safeText(human()));
  return EXIT.ok;
}

export function fail(flags: OutputFlags, error: ApiErrorBody, exit: number = EXIT.failed): number {
  if (flags.json) console.log(safeJson({ ok: false, error }));
  else {
    console.error(safeText(`corroborate: ${error.message} [${error.code}]`));
    for (const i of error.issues ?? []) console.error(safeText(`  ${i.path}: ${i.message}`));
  }
  return exit;
}

/** A wrong command line: one line naming what is wrong and where to look, exit 2. */
export function usageError(flags: OutputFlags, message: string, command?: string): number {
  const see = command ? `corroborate help ${command}` : 'corroborate help';
  return fail(flags, { code: 'USAGE', message: `${message.replace(/\.?$/, '.')} See \`${see}\`.` }, EXIT.usage);
}
