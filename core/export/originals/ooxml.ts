// Word, Excel and PowerPoint files (OOXML: a ZIP of XML parts tied together by relationship
// files). What identifies people goes; everything else is kept as it was, part for part:
//   - core properties: author, last editor, description (the "Comments" box), identifier, last
//     printed. Title, subject, keywords, category and the dates stay: they describe the
//     document, not who handled it, and the text check after cleaning still reads them.
//   - extended properties: company, manager, template name, hyperlink base.
//   - custom properties, the thumbnail picture, comments of every kind with their authors
//     (Word's people.xml, Excel's persons, PowerPoint's comment authors), shared-workbook
//     revision history, an attached template's path: the parts, their relationships, their
//     content types and every reference to them (comment anchors, r:id attributes).
//   - tracked changes keep their text and date; their author becomes "Author" (as Word's own
//     Document Inspector does) and initials go. Excel's file-sharing user name and the absolute
//     path a workbook was saved at go.
//   - pictures lose their EXIF, XMP, IPTC and comments (images.ts); a document holding a picture
//     in a format nothing here cleans (TIFF, HEIC, WebP…) is left out;
//   - a document embedded in another (a spreadsheet behind a chart) is cleaned the same way.

import { posix } from 'node:path';
import mammoth from 'mammoth';
import { cleanPicture, PICTURE_METADATA, UNCLEANABLE_PICTURE } from './images.js';
import { LeftOut } from './left-out.js';
import { readPackage, UnreadablePackage, writePackage, type Part } from './package.js';
import { binaryStrings } from './strings.js';
import { elements, parseXml, xmlText, type XmlPart } from './xml.js';

const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Relationship types (the last segment of Type) whose targets leave the package, and what a reader is told left. */
const DROPPED_RELATIONSHIPS: Record<string, string> = {
  'custom-properties': 'custom properties',
  thumbnail: 'thumbnail picture',
  comments: 'comments',
  commentsExtended: 'comments',
  commentsIds: 'comments',
  commentsExtensible: 'comments',
  threadedComment: 'comments',
  people: 'comment authors',
  person: 'comment authors',
  commentAuthors: 'comment authors',
  authors: 'comment authors',
  revisionHeaders: 'revision history',
  usernames: 'revision history',
  attachedTemplate: 'template path',
};

const CORE_FIELDS: Record<string, string> = { creator: 'author', lastModifiedBy: 'last editor', description: 'description', identifier: 'identifier', lastPrinted: 'date last printed' };
const APP_FIELDS: Record<string, string> = { Company: 'company', Manager: 'manager', Template: 'template name', HyperlinkBase: 'hyperlink base' };
/** Word's anchors of comments that are gone. */
const COMMENT_ANCHORS = new Set(['commentRangeStart', 'commentRangeEnd', 'commentReference']);

const EMBEDDED_PACKAGE = /\.(docx|docm|dotx|xlsx|xlsm|xltx|pptx|pptm|potx)$/i;
/** How deep documents embedded in documents are cleaned before the file is refused. */
const MAX_DEPTH = 2;

const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

/** "word/_rels/document.xml.rels" → "word/document.xml"; "_rels/.rels" → "" (the package). */
function sourceOf(relsName: string): string {
  const dir = posix.dirname(posix.dirname(relsName));
  const base = posix.basename(relsName, '.rels');
  return dir === '.' ? base : `${dir}/${base}`;
}

function relsOf(partName: string): string {
  const dir = posix.dirname(partName);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(partName)}.rels`;
}

function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target.slice(1));
  const dir = source ? posix.dirname(source) : '.';
  return posix.normalize(posix.join(dir, decodeURI(target)));
}

class Package {
  private readonly xml = new Map<string, XmlPart>();
  private readonly changed = new Set<string>();
  private readonly dropped = new Set<string>();
  readonly removed = new Set<string>();

  constructor(private readonly parts: Part[]) {
    for (const p of parts) if (isXml(p.name)) this.xml.set(p.name, parseXml(p.bytes));
    if (!this.xml.has('[Content_Types].xml')) throw new UnreadablePackage('no [Content_Types].xml');
  }

  private drop(name: string, label: string): void {
    this.dropped.add(name);
    this.dropped.add(relsOf(name));
    this.removed.add(label);
  }

  private remove(partName: string, el: Element, label: string): void {
    el.remove();
    this.changed.add(partName);
    this.removed.add(label);
  }

  /** Drops the relationships (and their parts) that carry people, and whatever pointed at them. */
  dropRelationships(): void {
    for (const [relsName, part] of this.xml) {
      if (!relsName.endsWith('.rels')) continue;
      const source = sourceOf(relsName);
      const rels = elements(part.doc).filter((e) => e.localName === 'Relationship');
      const kind = (r: Element) => (r.getAttribute('Type') ?? '').split('/').pop() ?? '';
      const hasComments = rels.some((r) => kind(r) === 'comments');
      const goneIds = new Set<string>();
      for (const r of rels) {
        // Excel draws legacy comments with a VML part: it goes with them.
        const label = DROPPED_RELATIONSHIPS[kind(r)] ?? (kind(r) === 'vmlDrawing' && hasComments ? 'comments' : undefined);
        if (!label) continue;
        goneIds.add(r.getAttribute('Id') ?? '');
        if (r.getAttribute('TargetMode') !== 'External') this.drop(resolveTarget(source, r.getAttribute('Target') ?? ''), label);
        this.remove(relsName, r, label);
      }
      const from = this.xml.get(source);
      if (!goneIds.size || !from) continue;
      for (const el of elements(from.doc)) {
        const points = Array.from(el.attributes).some((a) => a.namespaceURI === R_NS && goneIds.has(a.value));
        if (points && el.isConnected) {
          el.remove();
          this.changed.add(source);
        }
      }
    }
  }

  dropContentTypes(): void {
    const types = this.xml.get('[Content_Types].xml')!;
    for (const o of elements(types.doc).filter((e) => e.localName === 'Override')) {
      if (this.dropped.has((o.getAttribute('PartName') ?? '').replace(/^\//, ''))) {
        o.remove();
        this.changed.add('[Content_Types].xml');
      }
    }
  }

  /** Properties, authors of tracked changes, anchors of comments and saved paths in every part left. */
  scrubParts(): void {
    for (const [name, part] of this.xml) {
      if (this.dropped.has(name)) continue;
      const root = part.doc.documentElement.localName;
      const fields = root === 'coreProperties' ? CORE_FIELDS : root === 'Properties' ? APP_FIELDS : {};
      for (const el of elements(part.doc)) {
        const field = fields[el.localName];
        if (field && el.parentNode === part.doc.documentElement) this.remove(name, el, field);
        else if (el.namespaceURI === W_NS && COMMENT_ANCHORS.has(el.localName)) this.remove(name, el, 'comments');
        else if (el.localName === 'absPath') this.remove(name, el, 'path the file was saved at');
        if (!el.isConnected) continue;
        for (const a of Array.from(el.attributes)) {
          if (a.namespaceURI === W_NS && a.localName === 'author' && a.value !== 'Author') {
            a.value = 'Author';
            this.changed.add(name);
            this.removed.add('tracked-change authors');
          } else if ((a.namespaceURI === W_NS && a.localName === 'initials') || (el.localName === 'fileSharing' && a.localName === 'userName')) {
            el.removeAttributeNode(a);
            this.changed.add(name);
            this.removed.add(a.localName === 'userName' ? 'file-sharing user name' : 'tracked-change authors');
          }
        }
      }
    }
  }

  /** Cleans documents embedded in this one, each as a package of its own. */
  async cleanEmbedded(depth: number): Promise<void> {
    for (const p of this.parts) {
      if (this.dropped.has(p.name) || !EMBEDDED_PACKAGE.test(p.name)) continue;
      if (depth >= MAX_DEPTH) throw new LeftOut(`it embeds documents more than ${MAX_DEPTH} levels deep, too deep to clean`);
      const inner = await cleanPackage(p.bytes, depth + 1);
      p.bytes = inner.bytes;
      for (const label of inner.removed) this.removed.add(`embedded document: ${label}`);
    }
  }

  /** Pictures without what the camera or editor wrote about them. */
  stripPictures(): void {
    for (const p of this.parts) {
      if (this.dropped.has(p.name)) continue;
      const ext = /\.[a-z0-9]+$/i.exec(p.name)?.[0] ?? '';
      if (UNCLEANABLE_PICTURE.test(p.name)) throw new LeftOut(`it holds a picture (${ext}) whose metadata cannot be removed`);
      const out = cleanPicture(p.name, p.bytes);
      if (!out.stripped) continue;
      p.bytes = out.bytes;
      this.removed.add(PICTURE_METADATA);
    }
  }

  async write(): Promise<Buffer> {
    const kept = this.parts.filter((p) => !this.dropped.has(p.name));
    for (const p of kept) if (this.changed.has(p.name)) p.bytes = Buffer.from(this.xml.get(p.name)!.serialize(), 'utf8');
    return writePackage(kept);
  }
}

async function cleanPackage(bytes: Buffer, depth: number): Promise<{ bytes: Buffer; removed: string[] }> {
  const pkg = new Package(await readPackage(bytes));
  pkg.dropRelationships();
  pkg.dropContentTypes();
  pkg.scrubParts();
  pkg.stripPictures();
  await pkg.cleanEmbedded(depth);
  return { bytes: await pkg.write(), removed: [...pkg.removed].sort() };
}

/** The package without the parts and fields that identify people; throws on anything unreadable. */
export function cleanOoxml(bytes: Buffer): Promise<{ bytes: Buffer; removed: string[] }> {
  return cleanPackage(bytes, 0);
}

/** Every text in the package: Word's body as mammoth reads it, then every part, embedded documents included. */
export async function ooxmlText(bytes: Buffer, depth = 0): Promise<string> {
  const parts = await readPackage(bytes);
  const out: string[] = [];
  if (parts.some((p) => p.name === 'word/document.xml')) out.push((await mammoth.extractRawText({ buffer: bytes })).value);
  for (const p of parts) {
    out.push(p.name);
    if (isXml(p.name)) out.push(xmlText(parseXml(p.bytes).doc));
    else if (EMBEDDED_PACKAGE.test(p.name) && depth < MAX_DEPTH) out.push(await ooxmlText(p.bytes, depth + 1));
    else out.push(binaryStrings(p.bytes));
  }
  return out.join('\n');
}
