import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { toErrorBody } from '../core/errors.js';
import { MAX_FILE_BYTES, readFile } from '../core/import/index.js';
import { extractQuotes } from '../core/quotes/extract.js';

/**
 * `corroborate extract-quotes FILE [--json]`: the quotations in a file and who said them, with
 * offsets into the file's text as Corroborate extracts it on import. Needs no library.
 */
export async function extractQuotesCommand(file: string, flags: { json?: boolean }): Promise<number> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    console.error(`corroborate: there is no file at ${file}. [NOT_FOUND]`);
    return 1;
  }
  if (size > MAX_FILE_BYTES) {
    console.error(`corroborate: ${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB. [FILE_TOO_LARGE]`);
    return 1;
  }
  try {
    const { text } = await readFile(basename(file), readFileSync(file), { signal: new AbortController().signal, progress: () => {} });
    // speakerDetail: the speaker as understood (kind, role, affiliation, or the description of an unnamed one).
    const proposals = extractQuotes(text).map(({ quote, speaker, start, end, sentence, speakerDetail }) => ({ quote, speaker, start, end, sentence, ...(speakerDetail ? { speakerDetail } : {}) }));
    if (flags.json) console.log(JSON.stringify(proposals, null, 2));
    else if (!proposals.length) console.log('No quotations found.');
    else for (const p of proposals) console.log(`${(p.speaker ?? '(unknown)').padEnd(28)} “${p.quote.length > 90 ? `${p.quote.slice(0, 87)}…` : p.quote}”`);
    return 0;
  } catch (err) {
    const e = toErrorBody(err);
    if (flags.json) console.log(JSON.stringify({ ok: false, error: e }, null, 2));
    else console.error(`corroborate: ${e.message} [${e.code}]`);
    return 1;
  }
}
