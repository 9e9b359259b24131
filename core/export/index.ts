// One registry of packet formats (Joplin's InteropService shape): the packet model is built once,
// then each format renders it. Renderers see only the model, so only what the profile allows.

import type { Job, ReadContext } from '../context.js';
import { ApiError } from '../errors.js';
import { renderCsl } from './csl.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJsonLd } from './jsonld.js';
import { renderMarkdown } from './markdown.js';
import { MAP_FILE } from './map.js';
import { buildPacket, packetRedactor, type BuildOptions } from './model.js';
import type { Packet } from './packet.js';
import type { BagFile } from './zip.js';

export interface FormatDef {
  label: string;
  extension: string;
  mediaType: string;
  /** Text formats travel as UTF-8, the others as base64. */
  binary: boolean;
  /** Whether the format shows the claim map (the others are not worth laying it out for). */
  map: boolean;
  /** Whether the format carries the original evidence files (they are read, and cleaned, only for it). */
  originals: boolean;
  render: (p: Packet, env: RenderEnv) => Promise<Buffer> | Buffer;
}

export interface RenderEnv {
  libraryPath: string;
  signal?: AbortSignal;
  progress?: (stage: string) => void;
  /** The original files as they go into the packet (cleaned where the profile asks). */
  originals: BagFile[];
}

const text = (s: string) => Buffer.from(s, 'utf8');

export const FORMATS = {
  html: { label: 'HTML (one self-contained page)', extension: 'html', mediaType: 'text/html', binary: false, map: true, originals: false, render: (p) => text(renderHtml(p)) },
  // PDF printing (playwright-core, pdf-lib) and the ZIP (yazl, and the originals' cleaners: jsdom,
  // mammoth, pdf-lib) load when a packet in that format is made, not with every command.
  pdf: { label: 'PDF', extension: 'pdf', mediaType: 'application/pdf', binary: true, map: true, originals: false, render: async (p, env) => (await import('./pdf.js')).renderPdf(renderHtml(p), env.signal) },
  md: { label: 'Markdown with footnotes', extension: 'md', mediaType: 'text/markdown', binary: false, map: true, originals: false, render: (p) => text(renderMarkdown(p)) },
  json: { label: 'JSON-LD (Web Annotations, ClaimReview)', extension: 'jsonld', mediaType: 'application/ld+json', binary: false, map: false, originals: false, render: (p) => text(renderJsonLd(p).text) },
  csv: { label: 'CSV (claims table)', extension: 'csv', mediaType: 'text/csv', binary: false, map: false, originals: false, render: (p) => text(renderCsv(p)) },
  csl: { label: 'CSL-JSON (evidence documents)', extension: 'csl.json', mediaType: 'application/vnd.citationstyles.csl+json', binary: false, map: false, originals: false, render: (p) => text(renderCsl(p)) },
  zip: { label: 'ZIP (BagIt bag of every format and the original files)', extension: 'zip', mediaType: 'application/zip', binary: true, map: true, originals: true, render: (p, env) => renderZip(p, env) },
} satisfies Record<string, FormatDef>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as [FormatName, ...FormatName[]];

/** The packet's files inside the bag's data/ folder, one per format (the PDF when Chromium is here). */
async function renderZip(p: Packet, env: RenderEnv): Promise<Buffer> {
  const payload: BagFile[] = [];
  for (const name of ['html', 'md', 'json', 'csv', 'csl', 'pdf'] as const) {
    if (env.signal?.aborted) throw new ApiError('CANCELLED', 'Cancelled: no packet was made.');
    env.progress?.(`Rendering ${FORMATS[name].label}`);
    try {
      payload.push({ path: `packet.${FORMATS[name].extension}`, bytes: await FORMATS[name].render(p, env) });
    } catch (err) {
      // Without Chromium the bag still carries every other format.
      if (!(name === 'pdf' && err instanceof ApiError && err.code === 'NO_PDF_ENGINE')) throw err;
    }
  }
  if (p.map) payload.push({ path: MAP_FILE, bytes: text(p.map.svg) });
  payload.push(...env.originals);
  const { zipBag } = await import('./zip.js');
  return zipBag(baseName(p), p, payload);
}

function baseName(p: Packet): string {
  return `packet-${p.profile.name}-${p.exportedAt.slice(0, 10)}`;
}

export interface ExportResult {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  binary: boolean;
  redactions: Packet['redactions'];
}

export interface ExportOptions extends BuildOptions {
  format: FormatName;
}

/** Builds the packet and renders it in one format. */
export async function exportPacket(ctx: ReadContext, opts: ExportOptions, job?: Job): Promise<ExportResult> {
  const format: FormatDef = FORMATS[opts.format];
  const steps = 3;
  job?.progress(0, steps, 'Reading the case');
  let packet = buildPacket(ctx, { ...opts, withoutMap: !format.map });
  const progress = (stage: string) => job?.progress(1, steps, stage);
  let originals: BagFile[] = [];
  // The model is built synchronously; reading and cleaning files is not, so it happens here,
  // before any renderer writes what became of each file.
  if (format.originals) {
    // Each file's text is read as the packet's own text is: by the profile's redaction engine.
    const redactor = packetRedactor(ctx.db, opts.profile);
    const { carryOriginals } = await import('./zip.js');
    ({ packet, files: originals } = await carryOriginals(packet, { libraryPath: ctx.libraryPath, names: (t) => redactor.holds(t), signal: job?.signal, progress }));
  }
  job?.progress(1, steps, `Rendering ${format.label}`);
  const bytes = await format.render(packet, { libraryPath: ctx.libraryPath, signal: job?.signal, progress, originals });
  if (job?.signal.aborted) throw new ApiError('CANCELLED', 'Cancelled: no packet was made.');
  job?.progress(steps, steps, 'Done');
  return { fileName: `${baseName(packet)}.${format.extension}`, mediaType: format.mediaType, bytes, binary: format.binary, redactions: packet.redactions };
}
