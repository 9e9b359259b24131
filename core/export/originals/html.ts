// Web-page originals, parsed by jsdom (no script runs, nothing is fetched) and serialized again:
//   - comments go, wherever they are;
//   - <meta> goes except the charset, the viewport and the content type (author, generator,
//     Open Graph and the like describe who made the page, not what it says);
//   - <link rel="author"> and rel="me" go, and JSON-LD blocks (structured data names authors);
//   - a picture written into the page (a data: URL in src, href or poster) loses its metadata
//     like any other picture (images.ts);
//   - everything a reader sees stays, <address> included: the text check afterwards reads it,
//     and reads inside every base64 data: URL of the page (CSS included) too.
// Character references are decoded by the parser, so `&#90;ebulon` is read as what it is.

import { JSDOM } from 'jsdom';
import { cleanPicture, PICTURE_METADATA } from './images.js';
import { binaryStrings } from './strings.js';

const DATA_PICTURE = /^data:image\/(jpeg|jpg|png);base64,([A-Za-z0-9+/=\s]+)$/i;
const DATA_URL = /data:[^,"'\s)]*;base64,([A-Za-z0-9+/=]+)/gi;

const KEPT_META = (m: Element) => m.hasAttribute('charset') || m.getAttribute('name')?.toLowerCase() === 'viewport' || m.getAttribute('http-equiv')?.toLowerCase() === 'content-type';

export class UnreadableHtml extends Error {}

function parse(bytes: Buffer): JSDOM {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableHtml('not UTF-8');
  }
  return new JSDOM(text);
}

function comments(doc: Document): Comment[] {
  const out: Comment[] = [];
  const walker = doc.createTreeWalker(doc, 128 /* NodeFilter.SHOW_COMMENT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Comment);
  return out;
}

export function cleanHtml(bytes: Buffer): { bytes: Buffer; removed: string[] } {
  const dom = parse(bytes);
  const doc = dom.window.document;
  const removed = new Set<string>();
  const drop = (nodes: Iterable<Node>, label: string) => {
    for (const n of nodes) {
      n.parentNode?.removeChild(n);
      removed.add(label);
    }
  };
  drop(comments(doc), 'comments');
  drop(Array.from(doc.querySelectorAll('meta')).filter((m) => !KEPT_META(m)), 'meta tags');
  drop(Array.from(doc.querySelectorAll('link')).filter((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).some((r) => r === 'author' || r === 'me')), 'author links');
  drop(Array.from(doc.querySelectorAll('script')).filter((s) => (s.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json'), 'structured data (JSON-LD)');
  for (const el of Array.from(doc.querySelectorAll('[src], [href], [poster]'))) {
    for (const attr of ['src', 'href', 'poster']) {
      const m = DATA_PICTURE.exec(el.getAttribute(attr)?.trim() ?? '');
      if (!m) continue;
      const out = cleanPicture(`picture.${m[1]}`, Buffer.from(m[2]!, 'base64'));
      if (!out.stripped) continue;
      el.setAttribute(attr, `data:image/${m[1]!.toLowerCase()};base64,${out.bytes.toString('base64')}`);
      removed.add(PICTURE_METADATA);
    }
  }
  // Without anything removed, the page goes out as it came.
  if (!removed.size) return { bytes, removed: [] };
  return { bytes: Buffer.from(dom.serialize(), 'utf8'), removed: [...removed].sort() };
}

/** Every text in the page: each text node, the text read whole, every attribute, comments, and what base64 data: URLs hold. */
export function htmlText(bytes: Buffer): string {
  const doc = parse(bytes).window.document;
  const out: string[] = [doc.documentElement.textContent ?? ''];
  for (const m of bytes.toString('utf8').matchAll(DATA_URL)) out.push(binaryStrings(Buffer.from(m[1]!, 'base64')));
  const walker = doc.createTreeWalker(doc, 1 | 4 | 128 /* elements, text, comments */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) for (const a of Array.from((n as Element).attributes)) out.push(a.value);
    else out.push(n.nodeValue ?? '');
  }
  return out.filter((s) => s.trim()).join('\n');
}
