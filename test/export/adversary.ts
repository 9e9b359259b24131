// What the leak tests share: notes written as a careless (or adversarial) reporter would write
// them, every file of a packet exported through the dispatcher, and the oracle's verdict on them.

import { listSources } from '../../db/index.js';
import type { Context } from '../../core/context.js';
import type { Input } from '../../core/api.js';
import { FORMAT_NAMES, type FormatName } from '../../core/export/index.js';
import { chromiumPath } from '../../core/export/pdf.js';
import { profileInput, resolveProfile, type Profile } from '../../core/export/profiles.js';
import { callAsync } from '../helpers.js';
import { search, secretsOf, views, type Hit, type Secret, type View } from './oracle.js';

export const hasChromium = Boolean(chromiumPath());
/** Every format; without Chromium, every one but PDF (the ZIP then carries no PDF either). */
export const ALL_FORMATS = FORMAT_NAMES.filter((f) => hasChromium || f !== 'pdf');
/** Every format but the two that print with Chromium (about a second each). */
export const FAST_FORMATS = FORMAT_NAMES.filter((f) => f !== 'pdf' && f !== 'zip');

export type ProfileArg = Input<'packets.export'>['profile'];

/** A paragraph's pieces: plain text, bold text, or a link (its URL and the words shown). */
export type Piece = string | { bold: string } | { url: string; text: string };

/** Lexical JSON for a note of paragraphs, each a list of pieces. */
export function noteContent(paragraphs: Piece[][]): string {
  const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: '' });
  const piece = (p: Piece) => {
    if (typeof p === 'string') return text(p);
    if ('bold' in p) return text(p.bold, 1);
    return { type: 'link', version: 1, url: p.url, rel: null, target: null, title: null, children: [text(p.text)] };
  };
  return JSON.stringify({ root: { type: 'root', version: 1, children: paragraphs.map((ps) => ({ type: 'paragraph', version: 1, children: ps.map(piece) })) } });
}

export interface Exported {
  profile: ProfileArg;
  format: FormatName;
  scope: 'case' | 'note';
  views: View[];
}

/** Exports the case (or one note) in `formats` under `profile`, each file read into the oracle's views. */
export async function exportViews(ctx: Context, caseId: string, profile: ProfileArg, formats: FormatName[], noteId?: string): Promise<Exported[]> {
  const out: Exported[] = [];
  for (const format of formats) {
    const r = await callAsync(ctx, 'packets.export', { caseId, profile, format, ...(noteId ? { noteId } : {}) });
    const bytes = Buffer.from(r.data, r.encoding === 'base64' ? 'base64' : 'utf8');
    out.push({ profile, format, scope: noteId ? 'note' : 'case', views: await views(`${format}:${r.fileName}`, bytes) });
  }
  return out;
}

export const profileOf = (p: ProfileArg): Profile => resolveProfile(profileInput.parse(p));

/** What `profile` withholds in this library: every source counts, in the packet or not, trashed or not. */
export function librarySecrets(ctx: Context, profile: ProfileArg, only?: (name: string) => boolean): Secret[] {
  const sources = listSources(ctx.db, { includeTrashed: true }).filter((s) => !only || only(s.name));
  return secretsOf(sources, profileOf(profile));
}

/** The oracle over exported files. */
export function hitsIn(exported: Exported[], secrets: Secret[]): Hit[] {
  return exported.flatMap((e) => search(e.views, secrets));
}
