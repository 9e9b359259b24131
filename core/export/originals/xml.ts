// XML parts of an original file, read and written through a real XML parser (jsdom's), never
// with patterns over markup: a name split across entities or CDATA is still one name to a parser.

import { JSDOM } from 'jsdom';

/** A part that declares a DTD may expand entities ("billion laughs"): OOXML never writes one. */
const DTD = /<!(DOCTYPE|ENTITY)/i;

export interface XmlPart {
  doc: Document;
  /** The part's `<?xml …?>` line, which the serializer drops and Office expects back. */
  declaration: string;
  serialize: () => string;
}

export class UnreadableXml extends Error {}

export function parseXml(bytes: Buffer): XmlPart {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UnreadableXml('not UTF-8');
  }
  if (DTD.test(text)) throw new UnreadableXml('declares a DTD');
  let dom: JSDOM;
  try {
    dom = new JSDOM(text, { contentType: 'application/xml' });
  } catch {
    throw new UnreadableXml('not well-formed');
  }
  const declaration = /^<\?xml[^?]*\?>/.exec(text)?.[0] ?? '';
  const doc = dom.window.document;
  return { doc, declaration, serialize: () => `${declaration}${declaration ? '\r\n' : ''}${new dom.window.XMLSerializer().serializeToString(doc)}` };
}

/** Every element of the document, root first (walked by siblings: jsdom's live collections are slow on big parts). */
export function elements(doc: Document): Element[] {
  const out: Element[] = [];
  const walk = (el: Element) => {
    out.push(el);
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) walk(c);
  };
  if (doc.documentElement) walk(doc.documentElement);
  return out;
}

/** Paragraph-like elements whose runs split words ("Zeb" + "ulon"): read whole as one line. */
const RUN_CONTAINERS = new Set(['p', 'si', 'is', 'text']);

/**
 * Every text a reader of the part could meet, one per line: each text node, each attribute
 * value, and each paragraph read whole (Office splits words across runs). Entities are already
 * decoded by the parser.
 */
export function xmlText(doc: Document): string {
  const lines: string[] = [];
  /** Returns the element's whole text, pushing its pieces on the way. */
  const walk = (el: Element): string => {
    for (const a of Array.from(el.attributes)) lines.push(a.value);
    let whole = '';
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1) whole += walk(n as Element);
      else if (n.nodeType === 3 || n.nodeType === 4) {
        lines.push(n.nodeValue ?? '');
        whole += n.nodeValue ?? '';
      }
    }
    if (RUN_CONTAINERS.has(el.localName)) lines.push(whole);
    return whole;
  };
  if (doc.documentElement) walk(doc.documentElement);
  return lines.filter((l) => l.trim()).join('\n');
}
