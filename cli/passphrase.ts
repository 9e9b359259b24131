// Where the command line gets a passphrase: a file named by --passphrase-file (its first line),
// the CORROBORATE_PASSPHRASE variable, or, on a terminal, a prompt that does not echo. Never an
// argument: every user of the machine can read a process's arguments (ps).

import { readFileSync, statSync } from 'node:fs';

export interface PassphraseFlags {
  'passphrase-file'?: string;
  'new-passphrase-file'?: string;
}

export class PassphraseSourceError extends Error {}

/** The first line of a file (the trailing newline an editor adds is not part of it). */
function fromFile(path: string): string {
  let text: string;
  try {
    if (statSync(path).size > 64 * 1024) throw new PassphraseSourceError(`${path} is too large to be a passphrase file.`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof PassphraseSourceError) throw err;
    throw new PassphraseSourceError(`The passphrase file ${path} cannot be read.`);
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new PassphraseSourceError(`The passphrase file ${path} is empty.`);
  return line;
}

/** The library's passphrase from a file or the environment, if one was given that way. */
export function givenPassphrase(flags: PassphraseFlags, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (flags['passphrase-file']) return fromFile(flags['passphrase-file']);
  return env.CORROBORATE_PASSPHRASE || undefined;
}

/** A new passphrase (encrypt, change-passphrase, init --encrypt) from a file or the environment. */
export function givenNewPassphrase(flags: PassphraseFlags, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (flags['new-passphrase-file']) return fromFile(flags['new-passphrase-file']);
  return env.CORROBORATE_NEW_PASSPHRASE || undefined;
}

export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/** Asks on the terminal without echoing what is typed. */
export function prompt(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let typed = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new PassphraseSourceError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** A new passphrase typed twice on the terminal. */
export async function promptNewPassphrase(): Promise<string> {
  const first = await prompt('New passphrase (at least 10 characters; it cannot be recovered if lost): ');
  const again = await prompt('The same passphrase again: ');
  if (first !== again) throw new PassphraseSourceError('The two passphrases differ; nothing was changed.');
  return first;
}
