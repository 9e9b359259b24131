// The demo case, plus what a careless reporter might add: an off-the-record claim, the
// confidential source's name typed into a claim and a note, a mention of that source, and an
// original file whose name carries the name. Every packet test exports this.

import { callAsync, call, tempLibrary } from '../helpers.js';
import type { Context } from '../../core/context.js';
import type { Source } from '../../db/index.js';

export const OFF_RECORD_STATEMENT = 'A port official said off the record that inspections at Manzanillo are announced a day ahead.';
/** The contact of a source heard only off the record: in no built-in packet at all. */
export const OFF_RECORD_CONTACT = '+52 314 555 0199';
export const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';

/** "Rafael Entrena Solís" → "Entrena": how a reporter writes a name the second time. */
const surname = (name: string) => name.split(' ')[1]!;

export interface ExportFixture {
  ctx: Context;
  caseId: string;
  noteId: string;
  confidential: Source;
  /** Every string no redacting profile may let out. */
  secrets: string[];
}

export async function exportFixture(): Promise<ExportFixture> {
  const ctx = tempLibrary();
  const { caseId } = call(ctx, 'demo.load', {});
  const sources = call(ctx, 'sources.list', {});
  const confidential = sources.find((s) => s.confidential)!;
  const official = call(ctx, 'sources.create', { name: 'Port official', kind: 'person', defaultAttribution: 'off_record', contact: { phone: OFF_RECORD_CONTACT } });
  call(ctx, 'claims.create', { caseId, statement: OFF_RECORD_STATEMENT, sourceIds: [official.id], attribution: 'off_record' });
  const leaky = call(ctx, 'claims.create', {
    caseId,
    statement: `${confidential.name} says brokers never see end-user certificates. ${XSS}`,
    sourceIds: [confidential.id],
    attribution: 'background',
  });
  await callAsync(ctx, 'documents.import', {
    caseId,
    fileName: `${confidential.name} manifest notes.txt`,
    data: Buffer.from(`Shipping manifest notes kept by ${confidential.aliases[0]}.\nDeclared as industrial solvent.`).toString('base64'),
  });
  const paragraph = (children: unknown[]) => ({ type: 'paragraph', version: 1, children });
  const text = (t: string) => ({ type: 'text', version: 1, text: t, format: 0 });
  const content = JSON.stringify({
    root: {
      type: 'root',
      version: 1,
      children: [
        paragraph([text('A broker at Manzanillo, '), { type: 'source-mention', version: 1, sourceId: confidential.id, name: confidential.name, text: confidential.name }, text(', told us no one asks.'), { type: 'claim-citation', version: 1, claimId: leaky.id }]),
        paragraph([text(`Reach ${confidential.contact.phone} only on Signal; ${surname(confidential.name)} asked not to be named (ask for ${surname(confidential.name).toLowerCase()} at the gate). ${XSS}`)]),
      ],
    },
  });
  const note = call(ctx, 'notes.create', { caseId, title: 'Broker notes', content });
  const all = call(ctx, 'sources.list', {});
  const secrets = [
    confidential.name,
    surname(confidential.name),
    ...confidential.aliases,
    confidential.role,
    confidential.identityKnownBy,
    confidential.notes.slice(0, 60).replace(/\s+\S*$/, ''),
    ...all.flatMap((s) => Object.values(s.contact).filter((v): v is string => typeof v === 'string' && v.length > 0)),
  ].filter((s) => s.length > 0);
  return { ctx, caseId, noteId: note.id, confidential, secrets };
}
