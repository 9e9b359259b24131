// Web pages: the article's main text kept, navigation and other boilerplate dropped, and the
// metadata the page declares (title, byline, site, date, canonical address) prefilled. The
// HTML is sanitized before anything reads it, and only text is stored: no markup, script or
// remote resource from the page ever reaches the app.

import { Readability } from '@mozilla/readability';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { ImportedText } from './types.js';
import { decodeText, tidy } from './text.js';

const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'SECTION', 'ARTICLE', 'FIGCAPTION', 'HEADER', 'FOOTER', 'ASIDE', 'UL', 'OL', 'TABLE', 'DL', 'DD', 'DT']);

/** Text of a node with paragraphs separated by blank lines. */
function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      parts.push((n.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    if (el.tagName === 'BR') parts.push('\n');
    const block = BLOCKS.has(el.tagName);
    if (block) parts.push('\n\n');
    for (const child of Array.from(el.childNodes)) walk(child);
    if (block) parts.push('\n\n');
  };
  walk(node);
  return tidy(parts.join('').replace(/ *\n */g, '\n'));
}

function metaContent(doc: Document, ...selectors: string[]): string | undefined {
  for (const s of selectors) {
    const v = doc.querySelector(s)?.getAttribute('content') ?? doc.querySelector(s)?.getAttribute('href');
    if (v?.trim()) return v.trim();
  }
  return undefined;
}

/** 2021-12-15T10:00:00Z → 2021-12-15; anything unreadable → undefined. */
function isoDate(value: string | undefined | null): string | undefined {
  const m = value?.match(/^(\d{4})(-\d{2})?(-\d{2})?/);
  return m ? m[0] : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  try {
    const u = new URL(value ?? '');
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function readHtml(bytes: Buffer): ImportedText {
  const source = decodeText(bytes, 'web page');
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  const clean = purify.sanitize(source, { WHOLE_DOCUMENT: true, FORBID_TAGS: ['style', 'form', 'iframe', 'object', 'embed'], RETURN_DOM: false }) as string;
  // Metadata lives in <head>, which sanitizing drops: read it from an inert parse of the original.
  const original = new JSDOM(source).window.document;
  const doc = new JSDOM(clean).window.document;
  const article = new Readability(doc, { charThreshold: 200 }).parse();
  const body = article?.content ? new JSDOM(article.content).window.document.body : doc.body;
  const text = textOf(body);
  return {
    text,
    pages: null,
    mediaType: 'text/html',
    meta: {
      title: (metaContent(original, 'meta[property="og:title"]') ?? article?.title ?? original.title)?.slice(0, 300) || undefined,
      author: (metaContent(original, 'meta[name="author"]', 'meta[property="article:author"]') ?? article?.byline ?? undefined)?.replace(/^by\s+/i, '').slice(0, 300),
      publisher: (metaContent(original, 'meta[property="og:site_name"]') ?? article?.siteName ?? undefined)?.slice(0, 300),
      publishedOn: isoDate(metaContent(original, 'meta[property="article:published_time"]', 'meta[name="date"]') ?? article?.publishedTime),
      url: httpUrl(metaContent(original, 'link[rel="canonical"]', 'meta[property="og:url"]')),
      kind: 'article',
    },
  };
}
