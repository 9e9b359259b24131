import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Context } from '../core/context.js';
import { dispatch, dispatchAsync } from '../core/dispatcher.js';
import { withProgress } from './progress.js';
import { MAX_FILE_BYTES } from '../core/import/index.js';
import type { ApiErrorBody } from '../core/errors.js';
import { fail as failWith, succeed } from './output.js';

/** The case named by --case, or the library's only case; else the error to show. */
export function resolveCase(ctx: Context, given: string | undefined): string | ApiErrorBody {
  if (given) return given;
  const cases = dispatch(ctx, 'cases.list', {});
  if (!cases.ok) return cases.error;
  if (cases.value.length !== 1) {
    return { code: 'BAD_INPUT', message: cases.value.length ? 'Name the case with --case ID (`corroborate cases` lists them).' : 'There is no case yet: create one first (`corroborate call cases.create \'{"title": "…"}\'`).' };
  }
  return cases.value[0]!.id;
}

/** `corroborate import FILE [--case ID]`: the file's bytes go through documents.import like the app's. */
export async function importCommand(ctx: Context, file: string, flags: { case?: string; json?: boolean }): Promise<number> {
  const fail = (code: ApiErrorBody['code'], message: string) => failWith(flags, { code, message });
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return fail('INVALID_FILE', `${file} is not a file.`);
    size = stat.size;
  } catch {
    return fail('NOT_FOUND', `There is no file at ${file}.`);
  }
  if (size > MAX_FILE_BYTES) return fail('FILE_TOO_LARGE', `${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);

  const caseId = resolveCase(ctx, flags.case);
  if (typeof caseId !== 'string') return fail(caseId.code, caseId.message);
  const res = await withProgress(ctx, flags, dispatchAsync(ctx, 'documents.import', { caseId, fileName: basename(file), data: readFileSync(file).toString('base64') }));
  if (!res.ok) return fail(res.error.code, res.error.message);
  const { document: d, created } = res.value;
  const pages = d.pages ? `, ${d.pages.length} pages` : '';
  return succeed(flags, res.value, () => (created ? `Imported “${d.title}” (${d.text.length.toLocaleString('en')} characters${pages}) as ${d.id}.` : `“${d.title}” was imported before (${d.id}); nothing was added.`));
}
