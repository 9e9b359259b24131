// The packet's own PDF goes through the same PDF rewriting as original files: whatever the print
// engine wrote (its name, an author, an XMP packet) is replaced by "Corroborate" alone.

import { PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { chromiumPath, neutraliseMetadata, renderPdf, setPdfEngine } from '../../core/export/pdf.js';
import { pdfText } from './read.js';

/** What an engine might hand back: Info naming whoever ran it, in UTF-16BE, and an XMP packet. */
async function printed(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage();
  page.drawText('Source packet: Port inspections', { x: 50, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.setTitle('Source packet: Port inspections');
  doc.setAuthor('Zebulon Quixotic');
  doc.setCreator('Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/140.0.0.0 Safari/537.36');
  doc.setProducer('Skia/PDF m140');
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Zebulon Quixotic</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.flateStream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  return doc.save({ useObjectStreams: false });
}

describe("the packet's own PDF", () => {
  it('says only Corroborate made it: no author, no XMP, the engine named nowhere; the pages are the same', async () => {
    const before = await printed();
    const out = await neutraliseMetadata(before);
    const { text, info } = await pdfText(out);
    expect(text).toBe((await pdfText(Buffer.from(before))).text);
    expect(info).toMatchObject({ Title: 'Source packet: Port inspections', Creator: 'Corroborate', Producer: 'Corroborate', xmp: null });
    expect(info).not.toHaveProperty('Author');
    const latin1 = out.toString('latin1');
    for (const word of ['Skia', 'HeadlessChrome', 'xmpmeta']) expect(latin1).not.toContain(word);
  });

  it('is rewritten on every door: the engine a door sets is neutralised too', async () => {
    setPdfEngine(async () => printed());
    try {
      const { info } = await pdfText(await renderPdf('<p>unused by this engine</p>'));
      expect(info).toMatchObject({ Creator: 'Corroborate', Producer: 'Corroborate', xmp: null });
    } finally {
      setPdfEngine(undefined);
    }
  });

  it.skipIf(!chromiumPath())('holds for what Chromium really prints', async () => {
    const { info, text } = await pdfText(await renderPdf('<!doctype html><title>Source packet</title><p>Inspections are announced a day ahead.</p>'));
    expect(text).toContain('Inspections are announced a day ahead.');
    expect(info).toMatchObject({ Creator: 'Corroborate', Producer: 'Corroborate', xmp: null });
    expect(info).not.toHaveProperty('Author');
  }, 60_000);
});
