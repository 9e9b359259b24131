// The claim map in a packet: drawn from the redacted model (every withheld string searched for in
// the picture's bytes, in the ZIP and inline in the HTML, and found in the fact-checker's, so the
// search can fail), placed where the reporter left the nodes or laid out headless in Node, left
// out when the profile says so, and well-formed, inert SVG whatever a record holds.

import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { mapPositions, packetGraph } from '../../core/export/map.js';
import { buildPacket } from '../../core/export/model.js';
import { BUILT_IN_PROFILES } from '../../core/export/profiles.js';
import { escapeXml, labelLines } from '../../shared/map-svg.js';
import type { Input } from '../../core/api.js';
import { call, callAsync } from '../helpers.js';
import { exportFixture, OFF_RECORD_STATEMENT, XSS, type ExportFixture } from './fixture.js';
import { unzip } from './read.js';

type Profile = Input<'packets.export'>['profile'];

/** The packet's map: the SVG file in its ZIP (and the HTML's inline copy, which must be the same). */
async function mapOf(f: ExportFixture, profile: Profile, noteId?: string): Promise<{ svg: string | null; html: string; md: string; entries: string[] }> {
  const scope = { caseId: f.caseId, profile, ...(noteId ? { noteId } : {}) };
  const zip = await callAsync(f.ctx, 'packets.export', { ...scope, format: 'zip' });
  const entries = await unzip(Buffer.from(zip.data, 'base64'));
  const file = entries.find((e) => e.name.endsWith('/data/claim-map.svg'));
  const html = (await callAsync(f.ctx, 'packets.export', { ...scope, format: 'html' })).data;
  const md = (await callAsync(f.ctx, 'packets.export', { ...scope, format: 'md' })).data;
  return { svg: file ? file.bytes.toString('utf8') : null, html, md, entries: entries.map((e) => e.name) };
}

/** The SVG parsed as XML: null when it is not well-formed. */
function parseSvg(svg: string): Document | null {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
  return doc.getElementsByTagName('parsererror').length || doc.documentElement.nodeName !== 'svg' ? null : doc;
}

/** Each node's label (its <title>) and where its shape is centred. */
function nodesOf(doc: Document): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  for (const g of doc.querySelectorAll('g.nodes > g')) {
    const shape = g.children[1]!;
    const title = g.querySelector('title')!.textContent!;
    if (shape.nodeName === 'ellipse') out.set(title, { x: Number(shape.getAttribute('cx')), y: Number(shape.getAttribute('cy')) });
    else {
      const tspan = g.querySelector('tspan')!;
      out.set(title, { x: Number(tspan.getAttribute('x')), y: NaN });
    }
  }
  return out;
}

describe('the claim map in a packet', () => {
  it.each(['editor', 'lawyer'] as const)('the %s packet’s map holds no withheld string, and names the confidential source as the packet does', async (profile) => {
    const f = await exportFixture();
    for (const scope of [undefined, f.noteId]) {
      const { svg, html } = await mapOf(f, profile, scope);
      expect(svg, 'the ZIP carries the map').not.toBeNull();
      for (const secret of [...f.secrets, OFF_RECORD_STATEMENT]) {
        expect(svg!.toLowerCase(), `“${secret}” in the map`).not.toContain(escapeXml(secret).toLowerCase());
        expect(svg!.toLowerCase(), `“${secret}” in the map`).not.toContain(secret.toLowerCase());
      }
      expect(svg).toContain(escapeXml(`Confidential source (${f.confidential.description})`));
      // The HTML draws the same picture, inline.
      expect(html).toContain(svg!.trim());
    }
  }, 120_000);

  it('the fact-checker packet’s map names the confidential source (so the search above can fail)', async () => {
    const f = await exportFixture();
    const { svg } = await mapOf(f, 'factChecker');
    expect(svg).toContain(escapeXml(f.confidential.name));
    expect(svg).not.toContain(escapeXml(OFF_RECORD_STATEMENT));
  }, 60_000);

  it('is a file of the bag beside packet.md, which links to it; left out, it is in no format', async () => {
    const f = await exportFixture();
    const withMap = await mapOf(f, 'editor');
    const root = withMap.entries[0]!.split('/')[0]!;
    expect(withMap.entries).toEqual(expect.arrayContaining([`${root}/data/claim-map.svg`, `${root}/data/packet.md`]));
    expect(withMap.md).toContain('## Claim map\n\n![Claim map](claim-map.svg)');
    expect(withMap.html).toContain('<h2>Claim map</h2>');

    const without = await mapOf(f, { base: 'editor', fields: { claimMap: false } });
    expect(without.svg).toBeNull();
    expect(without.entries.some((e) => e.endsWith('.svg'))).toBe(false);
    expect(without.html).not.toContain('<svg');
    expect(without.md).not.toContain('claim-map.svg');
    expect(BUILT_IN_PROFILES.lawyer.fields.claimMap).toBe(true);
  }, 120_000);

  it('is well-formed SVG with no active content, whatever a record holds', async () => {
    const f = await exportFixture();
    call(f.ctx, 'claims.create', { caseId: f.caseId, statement: `Control characters \u0001\u001f, a lone surrogate \ud800 and ]]> <![CDATA[ x ]]> & ${XSS}`, attribution: 'on_record' });
    const { svg } = await mapOf(f, 'factChecker');
    const doc = parseSvg(svg!);
    expect(doc, 'the SVG parses as XML').not.toBeNull();
    expect(doc!.querySelectorAll('script, foreignObject, image, a, iframe').length).toBe(0);
    expect([...doc!.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => /^on/i.test(n) || /href/i.test(n))).toEqual([]);
    // The payload is there, as text.
    expect([...doc!.querySelectorAll('title')].some((t) => t.textContent!.includes('<script>window.__pwned = 1</script>'))).toBe(true);
  }, 60_000);

  it('stands where the reporter left the nodes on the map', async () => {
    const f = await exportFixture();
    const graph = call(f.ctx, 'map.graph', { caseId: f.caseId });
    const placed = Object.fromEntries(graph.nodes.map((n, i) => [n.id, { x: (i % 6) * 400, y: Math.floor(i / 6) * 300 }]));
    call(f.ctx, 'map.positions.save', { caseId: f.caseId, positions: placed });
    const { svg, html } = await mapOf(f, 'lawyer');
    expect(html).toContain('Positions as the reporter left them on the map.');
    const sources = call(f.ctx, 'sources.list', {});
    const grassley = sources.find((s) => s.name === 'Chuck Grassley')!;
    const drawn = [...nodesOf(parseSvg(svg!)!)].find(([title]) => title.endsWith('. Chuck Grassley'))!;
    expect(drawn[1]).toEqual(placed[grassley.id]);
  }, 60_000);

  it('is laid out in Node when the map was never opened: the same picture each time, no node on another', async () => {
    const f = await exportFixture();
    const packet = buildPacket(f.ctx, { caseId: f.caseId, profile: BUILT_IN_PROFILES.editor });
    const graph = packetGraph(packet);
    const first = mapPositions(graph, {});
    const again = mapPositions(graph, {});
    expect(first.layout).toBe('computed');
    expect([...first.positions.keys()].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(again.positions).toEqual(first.positions);
    const points = [...first.positions.values()];
    const apart = points.every((p, i) => points.every((q, j) => i === j || Math.abs(p.x - q.x) > 20 || Math.abs(p.y - q.y) > 20));
    expect(apart).toBe(true);
    expect(packet.map?.layout).toBe('computed');

    // Some nodes placed by the reporter: they stay, the rest are laid out around them.
    const pinned = Object.fromEntries(graph.nodes.slice(0, 5).map((n, i) => [n.id, { x: i * 500, y: -400 }]));
    const mixed = mapPositions(graph, pinned);
    expect(mixed.layout).toBe('partly saved');
    for (const [id, p] of Object.entries(pinned)) {
      expect(mixed.positions.get(id)!.x).toBeCloseTo(p.x, 0);
      expect(mixed.positions.get(id)!.y).toBeCloseTo(p.y, 0);
    }
  }, 60_000);

  it('draws what the packet holds: claims, their sources and documents, and the links between them', async () => {
    const f = await exportFixture();
    const packet = buildPacket(f.ctx, { caseId: f.caseId, noteId: f.noteId, profile: BUILT_IN_PROFILES.editor });
    const graph = packetGraph(packet);
    expect(graph.nodes.filter((n) => n.kind === 'claim').map((n) => n.id)).toEqual(packet.claims.map((c) => c.id));
    expect(graph.nodes.filter((n) => n.kind === 'source')).toHaveLength(packet.sources.length);
    expect(graph.nodes.every((n) => /^[CSD]\d+\. /.test(n.label))).toBe(true);
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.every((e) => ids.has(e.from) && ids.has(e.to))).toBe(true);
    expect(graph.edges.filter((e) => e.kind === 'said_by')).toHaveLength(packet.claims.reduce((n, c) => n + c.sources.length, 0));
    // A link is drawn once, though both of its claims list it.
    const whole = packetGraph(buildPacket(f.ctx, { caseId: f.caseId, profile: BUILT_IN_PROFILES.factChecker }));
    const links = whole.edges.filter((e) => e.kind === 'link');
    expect(links.length).toBeGreaterThan(3);
    expect(new Set(links.map((e) => [e.from, e.to].sort().join())).size).toBe(links.length);
  }, 60_000);
});

describe('the SVG builder', () => {
  it('escapes markup and leaves out what XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    expect(escapeXml('a\u0000b\u0008c\u000bd\u001fe\tf\ng')).toBe('abcde\tf\ng');
    expect(escapeXml('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('breaks a label between words into at most the lines that fit, the rest cut with an ellipsis', () => {
    expect(labelLines('China is practically the only source of the chemicals', 20)).toEqual(['China is practically', 'the only source of…']);
    expect(labelLines('Short', 20)).toEqual(['Short']);
    expect(labelLines('Supercalifragilisticexpialidocious word', 10, 3)).toEqual(['Supercali…', 'word']);
    expect(labelLines('one two three four five six', 9, 3)).toEqual(['one two', 'three', 'four…']);
  });
});
