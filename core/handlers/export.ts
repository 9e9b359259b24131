// Source packets: the profiles on offer, a preview of one (the HTML the dialog shows, and what
// it redacts), and the export itself in any format, tracked as a job (progress, cancel).

import { z } from 'zod';
import { getMeta, getRecord, setMeta } from '../../db/index.js';
import { exportPacket, FORMAT_NAMES, FORMATS } from '../export/index.js';
import { renderHtml } from '../export/html.js';
import { buildPacket } from '../export/model.js';
import { BUILT_IN_NAMES, BUILT_IN_PROFILES, PROFILE_FIELDS, profileInput, resolveProfile } from '../export/profiles.js';
import { redactionLines } from '../export/describe.js';
import { method } from '../method.js';
import { id } from '../schemas.js';
import type { ReadContext } from '../context.js';

const scope = {
  caseId: id,
  noteId: id.optional(),
  profile: profileInput,
};

function checkScope(ctx: ReadContext, caseId: string): void {
  getRecord(ctx.db, 'case', caseId, { includeTrashed: true });
}

export interface PacketFile {
  fileName: string;
  mediaType: string;
  encoding: 'utf8' | 'base64';
  data: string;
  size: number;
  redactions: string[];
}

/** Where the library keeps the export dialog's last profile and format. */
const LAST_CHOICE = 'pref.exportChoice';
const exportChoice = z.strictObject({ profile: z.enum([...BUILT_IN_NAMES, 'custom']), format: z.enum(FORMAT_NAMES) });

/** The choice last remembered, or null: one this version cannot offer (a format dropped) is forgotten. */
function lastChoice(ctx: ReadContext): z.infer<typeof exportChoice> | null {
  const stored = getMeta(ctx.db, LAST_CHOICE);
  if (!stored) return null;
  try {
    const parsed = exportChoice.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const exportMethods = {
  'packets.profiles': method({
    summary: 'The packet profiles (fact-checker, editor, lawyer), the fields a custom profile can choose, the formats, and the profile and format last chosen in this library (packets.rememberChoice), if any.',
    input: z.strictObject({}).optional(),
    write: false,
    run: (ctx) => ({
      profiles: BUILT_IN_NAMES.map((n) => BUILT_IN_PROFILES[n]),
      fields: Object.entries(PROFILE_FIELDS).map(([name, description]) => ({ name, description })),
      formats: FORMAT_NAMES.map((name) => ({ name, label: FORMATS[name].label, extension: FORMATS[name].extension })),
      last: lastChoice(ctx),
    }),
  }),
  'packets.rememberChoice': method({
    summary: 'Remembers the profile and format chosen for a packet, in the library, so the export dialog opens with them next time (in any door, after a restart).',
    input: exportChoice,
    write: true,
    run: (ctx, choice) => {
      setMeta(ctx.db, LAST_CHOICE, JSON.stringify(choice));
      return choice;
    },
  }),
  'packets.preview': method({
    summary: 'The packet for a case (or one note) under a profile, as the HTML it exports, with what it redacts.',
    input: z.strictObject(scope),
    write: false,
    run: (ctx, { caseId, noteId, profile }) => {
      checkScope(ctx, caseId);
      const packet = buildPacket(ctx, { caseId, noteId, profile: resolveProfile(profile) });
      return {
        html: renderHtml(packet),
        profile: packet.profile,
        redactions: redactionLines(packet.redactions),
        counts: { drafts: packet.drafts.length, sources: packet.sources.length, claims: packet.claims.length, documents: packet.documents.length },
      };
    },
  }),
  'packets.export': method({
    summary: 'Exports the packet in one format (html, pdf, md, json, csv, csl, zip): the file’s name, type and content.',
    input: z.strictObject({ ...scope, format: z.enum(FORMAT_NAMES), jobId: z.string().min(1).max(64).optional() }),
    write: false,
    prepare: async (ctx, { caseId, noteId, profile, format }, job) => {
      checkScope(ctx, caseId);
      const r = await exportPacket(ctx, { caseId, noteId, profile: resolveProfile(profile), format }, job);
      return r;
    },
    run: (_ctx, _input, r): PacketFile => ({
      fileName: r.fileName,
      mediaType: r.mediaType,
      encoding: r.binary ? 'base64' : 'utf8',
      data: r.binary ? r.bytes.toString('base64') : r.bytes.toString('utf8'),
      size: r.bytes.length,
      redactions: redactionLines(r.redactions),
    }),
  }),
};
