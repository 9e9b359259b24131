import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { toErrorBody } from '../core/errors.js';
import { MAX_FILE_BYTES, readFile } from '../core/import/index.js';
import { extractQuotes } from '../core/quotes/extract.js';
import { EXIT, fail, safeJson, succeed } from './output.js';

/**
 * `corroborate extract-quotes FILE [--json]`: the quotations in a file and who said them, with
 * offsets into the file's text as Corroborate extracts it on import. Needs no library. With --json,
 * a bare array (not the envelope), as the quote scorers read it.
 */
export async function extractQuotesCommand(file: string, flags: { json?: boolean }): Promise<number> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return fail(flags, { code: 'NOT_FOUND', message: `There is no file at ${file}.` });
  }
  if (size > MAX_FILE_BYTES) return fail(flags, { code: 'FILE_TOO_LARGE', message: `${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` });
  try {
    const { text } = await readFile(basename(file), readFileSync(file), { signal: new AbortController().signal, progress: () => {} });
    // speakerDetail: the speaker as understood (kind, role, affiliation, or the description of an unnamed one).
    const proposals = extractQuotes(text).map(({ quote, speaker, start, end, sentence, speakerDetail }) => ({ quote, speaker, start, end, sentence, ...(speakerDetail ? { speakerDetail } : {}) }));
    // The one exception to the --json envelope: this output is a data format with a contract of
    // its own, the bare array `[{quote, speaker, start, end, sentence}]` that the quote corpus's
    // scorer (../shared/quote-corpus/score.mjs) and the acceptance run read. Errors stay enveloped.
    if (flags.json) {
      console.log(safeJson(proposals));
      return EXIT.ok;
    }
    return succeed(flags, proposals, () =>
      proposals.length ? proposals.map((p) => `${(p.speaker ?? '(unknown)').padEnd(28)} “${p.quote.length > 90 ? `${p.quote.slice(0, 87)}…` : p.quote}”`).join('\n') : 'No quotations found.',
    );
  } catch (err) {
    return fail(flags, toErrorBody(err));
  }
}
