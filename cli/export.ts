// `corroborate export --case ID [--note ID] --profile NAME --format FORMAT --out PATH`: the packet
// made by packets.export, as the app makes it, written atomically (an interrupted export leaves
// nothing under PATH).

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../core/context.js';
import { dispatch, dispatchAsync } from '../core/dispatcher.js';
import { withProgress } from './progress.js';
import { FORMAT_NAMES } from '../core/export/index.js';
import { BUILT_IN_NAMES, BUILT_IN_PROFILES, builtInProfileName } from '../core/export/profiles.js';
import { writeFileAtomic } from '../core/archive/atomic.js';
import { ApiError, toErrorBody, type ApiErrorBody } from '../core/errors.js';
import { resolveOutputTarget, type OutputTargetOptions } from '../core/output-target.js';
import { fail as failWith, succeed, usageError } from './output.js';

export interface ExportFlags {
  case?: string;
  note?: string;
  profile?: string;
  format?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** A built-in profile's name, a custom profile as JSON, or the name of a .json file holding one. */
function profileArgument(text: string): unknown {
  const source = text.endsWith('.json') && existsSync(text) ? readFileSync(text, 'utf8') : text;
  if (!source.trim().startsWith('{')) return builtInProfileName(source);
  try {
    return JSON.parse(source);
  } catch {
    return source;
  }
}

export async function exportCommand(ctx: Context, flags: ExportFlags): Promise<number> {
  const fail = (code: ApiErrorBody['code'], message: string) => failWith(flags, { code, message });
  const usage = (message: string) => usageError(flags, message, 'export');
  const profiles = BUILT_IN_NAMES.map((n) => BUILT_IN_PROFILES[n].label.toLowerCase()).join(', ');
  if (!flags.profile) return usage(`export needs --profile: ${profiles}, or a custom profile as JSON`);
  const profile = profileArgument(flags.profile);
  if (profile === undefined) return usage(`There is no profile called “${flags.profile}”: use ${profiles}, or a custom profile as JSON`);
  if (!flags.format || !(FORMAT_NAMES as string[]).includes(flags.format)) return usage(`export needs --format: one of ${FORMAT_NAMES.join(', ')}`);
  if (!flags.out) return usage('export needs --out PATH: the file (or folder) to write the packet to');

  // The place is checked before the packet is made (a refused path costs nothing), and again
  // with the packet's own file name once a folder is known to be meant.
  const target: OutputTargetOptions = { libraryPath: ctx.libraryPath, overwrite: Boolean(flags.force) };
  const guard = (fileName?: string) => {
    try {
      return resolveOutputTarget(resolve(flags.out!), { ...target, ...(fileName ? { fileName } : {}) });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'OUTPUT_IS_FOLDER' && !fileName) return undefined;
      throw err;
    }
  };
  try {
    guard();
  } catch (err) {
    const body = toErrorBody(err);
    return fail(body.code, body.message);
  }

  let caseId = flags.case;
  if (!caseId) {
    const cases = dispatch(ctx, 'cases.list', {});
    if (!cases.ok) return fail(cases.error.code, cases.error.message);
    if (cases.value.length !== 1) return usage('Name the case with --case ID (`corroborate cases` lists them).');
    caseId = cases.value[0]!.id;
  }
  const res = await withProgress(ctx, flags, dispatchAsync(ctx, 'packets.export', { caseId, ...(flags.note ? { noteId: flags.note } : {}), profile, format: flags.format }));
  if (!res.ok) return fail(res.error.code, res.error.message);
  const packet = res.value;
  let out: string;
  try {
    out = guard(packet.fileName)!;
  } catch (err) {
    const body = toErrorBody(err);
    return fail(body.code, body.message);
  }
  try {
    writeFileAtomic(out, Buffer.from(packet.data, packet.encoding === 'base64' ? 'base64' : 'utf8'), { overwrite: Boolean(flags.force) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return fail('OUTPUT_EXISTS', toErrorBody(err).message);
    return fail(code === 'ENOSPC' ? 'DISK_FULL' : 'INVALID_FILE', `Could not write ${out} (${code ?? 'error'}): nothing was written there.`);
  }
  const written = { out, fileName: packet.fileName, mediaType: packet.mediaType, size: packet.size, redactions: packet.redactions };
  return succeed(flags, written, () => `Wrote ${out} (${packet.size.toLocaleString('en')} bytes).${packet.redactions.length ? `\nRedacted: ${packet.redactions.join('; ')}.` : '\nNothing redacted.'}`);
}
