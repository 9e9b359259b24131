// The leak oracle: a second opinion on redaction, written apart from the engine
// (core/export/redaction.ts) and sharing none of its code. It opens every file a packet is
// made of, and every file inside those (ZIP entries, and the ZIPs inside them that a DOCX, XLSX
// or PPTX is), decodes each the way a reader's tools would (XML and HTML with character
// references, attribute values and comments; a PDF's text layer, document information, XMP and
// link annotations, and its raw strings, UTF-16BE included; JSON string values; percent-encoding
// anywhere), folds what it reads (NFKC, diacritics, case, zero-width characters) and looks for
// every withheld value in every form a human would still recognise. Each hit says which value,
// in which form, in which file, where in it, and what the text around it reads.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import type { Source } from '../../db/index.js';
import type { Profile } from '../../core/export/profiles.js';
import { unzip } from './read.js';

/** One value no packet file may hold, and how a reader could recognise it. */
export type Secret =
  /** A person's name: whole, in any order, with any separators or none, each part alone, initial + surname. */
  | { kind: 'person'; value: string }
  /** A phrase (an organisation's name, an alias, an address): its words in order, any separators or none. */
  | { kind: 'phrase'; value: string }
  /** An e-mail address: whole, its local part, and its domain when `domain` (a private domain of a hidden identity). */
  | { kind: 'email'; value: string; domain: boolean }
  /** A phone number: any run of digits, whatever the separators, that holds its last seven digits. */
  | { kind: 'phone'; value: string };

export interface Hit {
  value: string;
  /** Which form of the value was found ("name part", "whole e-mail", "digits"…). */
  form: string;
  /** The file, with `!/` between a ZIP and the entry inside it. */
  file: string;
  /** Which view of the file: its name, text layer, an attribute, the PDF's Info… */
  where: string;
  excerpt: string;
}

/** One way of reading a file, as text. */
export interface View {
  file: string;
  where: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Which values a profile withholds, from the library's sources (the rule the issue states).

/** Shared mail providers, social platforms and reserved example domains: their names say nothing of a person. */
const SHARED_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'protonmail.com', 'x.com', 'twitter.com', 'instagram.com', 'facebook.com']);
const isSharedDomain = (d: string) => SHARED_DOMAINS.has(d) || /(^|\.)example(\.(com|org|net))?$/.test(d) || /\.(test|invalid|localhost)$/.test(d);

/** Every value `profile` keeps out of a packet of a library holding `sources`. */
export function secretsOf(sources: Source[], profile: Profile): Secret[] {
  const out: Secret[] = [];
  for (const s of sources) {
    const hidden = s.confidential && !profile.fields.confidentialIdentities;
    if (hidden) {
      out.push({ kind: s.kind === 'person' ? 'person' : 'phrase', value: s.name });
      for (const a of s.aliases) out.push({ kind: 'phrase', value: a });
    }
    if (hidden || !profile.fields.contactDetails) {
      for (const v of Object.values(s.contact ?? {})) {
        if (typeof v !== 'string' || !v.trim()) continue;
        out.push({ kind: 'phrase', value: v });
        for (const email of v.match(/[^\s<>()@,;:"]+@[^\s<>()@,;:"]+\.[a-z]{2,}/gi) ?? []) {
          out.push({ kind: 'email', value: email, domain: hidden && !isSharedDomain(email.split('@')[1]!.toLowerCase()) });
        }
        for (const phone of v.match(/\+?[\d(][\d\s().\-/]{5,}\d/g) ?? []) if (phone.replace(/\D/g, '').length >= 7) out.push({ kind: 'phone', value: phone });
        for (const handle of v.match(/(?<![\w.])@[\w.]*\w/g) ?? []) if (handle.length > 3) out.push({ kind: 'phrase', value: handle.slice(1) });
        for (const url of v.match(/(?:https?:\/\/|www\.)[^\s;,]+/gi) ?? []) {
          const [host = '', ...path] = url.replace(/^(https?:\/\/)?(www\.)?/i, '').split('/');
          out.push({ kind: 'phrase', value: [host, ...path].join('/') });
          // A platform's path is the person's handle; a person's own host names them.
          if (isSharedDomain(host) && path.join('/').length >= 3) out.push({ kind: 'phrase', value: path.join('/') });
          if (hidden && !isSharedDomain(host)) out.push({ kind: 'phrase', value: host });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading: every file, every file inside it, every view of each.

const dom = new JSDOM('');
const { DOMParser, NodeFilter } = dom.window;

/** Every view of `bytes` (a packet file named `file`), recursively into ZIPs. */
export async function views(file: string, bytes: Buffer): Promise<View[]> {
  const out: View[] = [{ file, where: 'file name', text: file }];
  if (isZip(bytes)) {
    for (const entry of await unzip(bytes)) {
      out.push({ file: `${file}!/${entry.name}`, where: 'entry name', text: entry.name });
      out.push(...(await views(`${file}!/${entry.name}`, entry.bytes)).slice(1));
    }
    return out;
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return [...out, ...(await pdfViews(file, bytes))];
  if (isBinary(bytes)) return [...out, ...printableRuns(file, bytes)];
  const text = decodeText(bytes);
  out.push({ file, where: 'text', text });
  const trimmed = text.trimStart();
  if (/\.(x?html?|svg|xml|rels|vml)$/i.test(file) || trimmed.startsWith('<')) out.push(...markupViews(file, text));
  if (/\.(json|jsonld)$/i.test(file) || /^[[{]/.test(trimmed)) out.push(...jsonViews(file, text));
  return out;
}

/** A picture, a font, a compressed stream: bytes that are not text in any encoding a reader's tool would try. */
function isBinary(b: Buffer): boolean {
  if (b[0] === 0xfe && b[1] === 0xff) return false;
  if (b[0] === 0xff && b[1] === 0xfe) return false;
  const head = b.subarray(0, 8192);
  if (head.includes(0)) return true;
  const text = head.toString('utf8');
  return (text.match(/\uFFFD/g)?.length ?? 0) > text.length / 100;
}

/**
 * What a reader finds in binary bytes without decoding them, as `strings` shows it: runs of at
 * least four printable characters, in ASCII and in UTF-16 of either byte order. Each run is a view
 * of its own, so no word is ever made of letters from two runs: random bytes (a compressed
 * stream) would otherwise spell any short name now and then.
 */
function printableRuns(file: string, bytes: Buffer): View[] {
  const latin1 = bytes.toString('latin1');
  const runs = [
    ...(latin1.match(/[\x20-\x7E\t\r\n]{4,}/g) ?? []),
    ...[bytes, bytes.subarray(1)].flatMap((b) => [...utf16Runs(b, 0), ...utf16Runs(b, 1)]),
  ];
  return runs.map((text) => ({ file, where: 'raw bytes', text }));
}

/** Runs of four or more printable ASCII characters written as UTF-16 (`at` 0: little-endian, 1: big-endian). */
function utf16Runs(b: Buffer, at: 0 | 1): string[] {
  const runs: string[] = [];
  let run = '';
  for (let i = 0; i + 1 < b.length; i += 2) {
    const c = b[i + at]!;
    if (b[i + 1 - at] === 0 && c >= 0x20 && c <= 0x7e) run += String.fromCharCode(c);
    else {
      if (run.length >= 4) runs.push(run);
      run = '';
    }
  }
  if (run.length >= 4) runs.push(run);
  return runs;
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

function decodeText(b: Buffer): string {
  if (b[0] === 0xfe && b[1] === 0xff) return utf16be(b.subarray(2));
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  return b.toString('utf8');
}

function utf16be(b: Buffer): string {
  const swapped = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}

/** XML, HTML and SVG: text as it reads (inline pieces joined), and every attribute, comment and instruction. */
function markupViews(file: string, text: string): View[] {
  const xml = !/\.x?html?$/i.test(file) && !/^\s*<!doctype html/i.test(text);
  let doc = new DOMParser().parseFromString(text, xml ? 'application/xml' : 'text/html');
  if (xml && doc.getElementsByTagName('parsererror').length) doc = new DOMParser().parseFromString(text, 'text/html');
  const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_ALL);
  const words: string[] = [];
  const other: string[] = [];
  for (let n = walker.currentNode as Node | null; n; n = walker.nextNode()) {
    if (n.nodeType === 1) for (const a of Array.from((n as Element).attributes)) other.push(`${a.name}=${a.value}`);
    else if (n.nodeType === 3 || n.nodeType === 4) words.push((n as CharacterData).data);
    else if (n.nodeType === 7 || n.nodeType === 8) other.push((n as CharacterData).data);
  }
  return [
    { file, where: 'text content', text: words.join('') },
    { file, where: 'text content (nodes apart)', text: words.join(' ') },
    { file, where: 'attributes and comments', text: other.join('\n') },
  ];
}

function jsonViews(file: string, text: string): View[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        strings.push(k);
        walk(x);
      }
    }
  };
  walk(parsed);
  return [{ file, where: 'JSON strings', text: strings.join('\n') }];
}

async function pdfViews(file: string, bytes: Buffer): Promise<View[]> {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  lib.GlobalWorkerOptions.workerSrc = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
  const doc = await lib.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: View[] = [];
  const strings = (v: unknown, into: string[]): void => {
    if (typeof v === 'string') into.push(v);
    else if (Array.isArray(v)) for (const x of v) strings(x, into);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, into);
  };
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const items = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : ''));
      out.push({ file, where: `text layer p. ${i}`, text: items.join('') }, { file, where: `text layer p. ${i} (items apart)`, text: items.join(' ') });
      const annotations: string[] = [];
      strings(await page.getAnnotations(), annotations);
      out.push({ file, where: `annotations p. ${i}`, text: annotations.join('\n') });
    }
    // Bookmarks and form fields live in compressed objects that no page's text shows.
    const outline: string[] = [];
    strings(await doc.getOutline(), outline);
    out.push({ file, where: 'bookmarks', text: outline.join('\n') });
    const fields: string[] = [];
    strings(await doc.getFieldObjects(), fields);
    out.push({ file, where: 'form fields', text: fields.join('\n') });
    const meta = await doc.getMetadata();
    const info: string[] = [];
    strings(meta.info, info);
    out.push({ file, where: 'document information', text: info.join('\n') });
    const xmp = meta.metadata as unknown as { getRaw?: () => string } | null;
    if (xmp?.getRaw) out.push({ file, where: 'XMP', text: xmp.getRaw() });
  } finally {
    await doc.destroy();
  }
  out.push({ file, where: 'raw strings', text: rawPdfStrings(bytes.toString('latin1')).join('\n') }, ...printableRuns(file, bytes));
  return out;
}

/** Every literal and hex string written plainly in a PDF's bytes, UTF-16BE ones decoded. */
function rawPdfStrings(pdf: string): string[] {
  const out: string[] = [];
  const decode = (bytes: Buffer) => (bytes[0] === 0xfe && bytes[1] === 0xff ? utf16be(bytes.subarray(2)) : bytes.toString('latin1'));
  for (const m of pdf.matchAll(/<([0-9A-Fa-f\s]{4,})>/g)) {
    const hex = m[1]!.replace(/\s/g, '');
    out.push(decode(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')));
  }
  for (const m of pdf.matchAll(/\(((?:\\[\s\S]|[^\\()])*)\)/g)) {
    const unescaped = m[1]!.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, c: string) => {
      if (/^[0-7]+$/.test(c)) return String.fromCharCode(parseInt(c, 8));
      return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c;
    });
    out.push(decode(Buffer.from(unescaped, 'latin1')));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Folding: what a reader would still read as the same word.

const template = dom.window.document.createElement('textarea');

/** Percent-encoding and HTML character references, decoded until nothing changes (double encoding too). */
function decodeLayers(s: string): string {
  let t = s;
  for (let round = 0; round < 4; round++) {
    let next = t.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return Buffer.from(run.replace(/%/g, ''), 'hex').toString('latin1');
      }
    });
    if (next.includes('&')) {
      // A textarea's content is read as text with its character references decoded, nothing else.
      template.innerHTML = next.replace(/</g, '&lt;');
      next = template.value;
    }
    if (next === t) break;
    t = next;
  }
  return t;
}

const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };

export function fold(s: string): string {
  return decodeLayers(s)
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/[\p{M}\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħ]/g, (c) => LETTERS[c]!);
}

const PARTICLES = new Set(['de', 'del', 'della', 'der', 'den', 'van', 'von', 'da', 'di', 'du', 'do', 'dos', 'das', 'la', 'le', 'el', 'al', 'bin', 'ibn', 'ben', 'y', 'e', 'mr', 'mrs', 'ms', 'dr', 'jr', 'sr']);
const ROLE_WORDS = new Set(['press', 'info', 'contact', 'office', 'news', 'media', 'desk', 'hello', 'mail', 'tips', 'admin', 'team', 'help', 'support', 'editor', 'editors', 'newsroom', 'communications', 'comms', 'pr']);

interface Token {
  t: string;
  at: number;
}

/** Letters and digits apart: "zebulon1987" is the name and a number. */
const tokensOf = (folded: string): Token[] => [...folded.matchAll(/\p{L}+|\p{N}+/gu)].map((m) => ({ t: m[0], at: m.index }));
const wordsOf = (value: string) => tokensOf(fold(value)).map((x) => x.t);

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  if (list.length > 4) return [list, [...list].reverse()];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The strings to find (letters and digits only, as consecutive tokens) and what each form is called. */
function forms(s: Secret): { target: string; form: string }[] {
  if (s.kind === 'phone') return [];
  if (s.kind === 'email') {
    const [local = '', domain = ''] = s.value.split('@');
    const out = [{ target: wordsOf(s.value).join(''), form: 'whole e-mail' }];
    const localWords = wordsOf(local);
    if (localWords.some((w) => w.length >= 3 && !ROLE_WORDS.has(w))) out.push({ target: localWords.join(''), form: 'e-mail local part' });
    if (s.domain) out.push({ target: wordsOf(domain).join(''), form: 'e-mail domain' });
    return out;
  }
  const words = wordsOf(s.value);
  if (s.kind === 'phrase') return [{ target: words.join(''), form: 'whole' }];
  const out = permutations(words).map((p) => ({ target: p.join(''), form: 'whole name' }));
  for (const w of words) if (w.length >= 3 && !PARTICLES.has(w)) out.push({ target: w, form: 'name part' });
  const parts = words.filter((w) => !PARTICLES.has(w));
  if (parts.length >= 2) {
    const first = parts[0]!;
    const last = parts.at(-1)!;
    out.push({ target: first[0] + last, form: 'initial and surname' }, { target: first + last[0], form: 'name and initial' });
  }
  return out;
}

const excerptAt = (text: string, at: number, length: number) => text.slice(Math.max(0, at - 40), at + length + 40).replace(/\s+/g, ' ');

/** Every place in `views` where a secret can still be read. */
export function search(list: View[], secrets: Secret[]): Hit[] {
  // By first letter: a form can start only at a token that starts as it does.
  const wanted = new Map<string, { target: string; form: string; value: string }[]>();
  for (const s of secrets) for (const f of forms(s)) if (f.target.length >= 2) wanted.set(f.target[0]!, [...(wanted.get(f.target[0]!) ?? []), { ...f, value: s.value }]);
  const phones = secrets.filter((s) => s.kind === 'phone').map((s) => ({ value: s.value, tail: s.value.replace(/\D/g, '').slice(-7) }));
  const hits: Hit[] = [];
  for (const v of list) {
    const text = fold(v.text);
    const tokens = tokensOf(text);
    for (let i = 0; i < tokens.length; i++) {
      for (const w of wanted.get(tokens[i]!.t[0]!) ?? []) {
        let joined = '';
        for (let j = i; j < tokens.length && joined.length < w.target.length; j++) {
          joined += tokens[j]!.t;
          if (!w.target.startsWith(joined)) break;
          if (joined === w.target) {
            hits.push({ value: w.value, form: w.form, file: v.file, where: v.where, excerpt: excerptAt(text, tokens[i]!.at, tokens[j]!.at + tokens[j]!.t.length - tokens[i]!.at) });
          }
        }
      }
    }
    for (const run of text.matchAll(/\d(?:[\s.\-()/+]{0,3}\d)*/g)) {
      const digits = run[0].replace(/\D/g, '');
      for (const p of phones) if (digits.includes(p.tail)) hits.push({ value: p.value, form: 'digits', file: v.file, where: v.where, excerpt: excerptAt(text, run.index, run[0].length) });
    }
  }
  return hits;
}

/** Every hit of every secret in one packet file (or any file at all). */
export async function leaks(file: string, bytes: Buffer, secrets: Secret[]): Promise<Hit[]> {
  return search(await views(file, bytes), secrets);
}

/** Hits as lines a failing test prints. */
export function describeHits(hits: Hit[]): string[] {
  return hits.map((h) => `${h.value} (${h.form}) in ${h.file} [${h.where}]: …${h.excerpt}…`);
}
