// Text as a human reads it, for matching: percent-encoding and HTML character references decoded
// (twice-encoded too), compatibility forms unified (NFKD: full-width letters, ligatures, no-break
// spaces), diacritics and case folded, and invisible characters (zero-width spaces and joiners,
// soft hyphens, bidi controls, variation selectors) dropped. Every folded character remembers
// the span of the ORIGINAL text it came from, so a match is replaced in the original and the
// rest of the text is left exactly as it was written.

import { plainLetters } from '../../shared/plain-letters.js';

export interface Folded {
  text: string;
  /** Where in the original each folded character begins and ends; null when they are the same (plain ASCII). */
  start: Int32Array | null;
  end: Int32Array | null;
}

const cache = new Map<number, string>();

/** One code point as it reads: lower case, no diacritics, its compatibility form; '' when invisible. */
function foldPoint(cp: number): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  let out = cache.get(cp);
  if (out === undefined) {
    out = plainLetters(String.fromCodePoint(cp));
    cache.set(cp, out);
  }
  return out;
}

/** Named references a name can be spelt with: the Latin letters with their marks (the mark is folded away anyway). */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', zwj: '', zwnj: '', lrm: '', rlm: '', wj: '', NoBreak: '',
  szlig: 'ss', aelig: 'ae', AElig: 'ae', oelig: 'oe', OElig: 'oe', oslash: 'o', Oslash: 'o', eth: 'd', ETH: 'd', thorn: 'th', THORN: 'th',
  period: '.', commat: '@', lowbar: '_', hyphen: '-', dash: '-', plus: '+', sol: '/', colon: ':', num: '#', comma: ',', excl: '!', percnt: '%',
  lpar: '(', rpar: ')', rsquo: '’', lsquo: '‘', ensp: ' ', emsp: ' ', thinsp: ' ', hairsp: ' ', Tab: ' ', NewLine: ' ',
};
const MARKED = /^([A-Za-z])(acute|grave|circ|tilde|uml|ring|cedil|caron|macr|ogon|breve|dot|dblac|opf|scr|fr)$/;

function named(name: string): string | undefined {
  if (name in NAMED) return NAMED[name];
  const m = MARKED.exec(name);
  return m ? m[1]! : undefined;
}

/** A decoded piece of the text: what it reads as, and the original span it came from. */
interface Piece {
  s: string;
  from: number;
  to: number;
}

const HEX = /^[0-9A-Fa-f]{2}$/;
const REFERENCE = /^&(?:#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/;

/** UTF-8 bytes to code points, each with the index of its first and last byte; a stray byte reads as Latin-1. */
function utf8(bytes: number[]): { cp: number; first: number; last: number }[] {
  const out: { cp: number; first: number; last: number }[] = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let cp = n === 3 ? b & 0x07 : n === 2 ? b & 0x0f : n === 1 ? b & 0x1f : b;
    let ok = b < 0x80 || n > 0;
    for (let k = 1; k <= n && ok; k++) {
      const c = bytes[i + k];
      ok = c !== undefined && (c & 0xc0) === 0x80;
      if (ok) cp = (cp << 6) | (c! & 0x3f);
    }
    if (!ok) {
      out.push({ cp: b, first: i, last: i });
      i++;
    } else {
      out.push({ cp, first: i, last: i + n });
      i += n + 1;
    }
  }
  return out;
}

/** One round of decoding over pieces: %XX runs and &…; references become what they stand for. */
function decodeRound(pieces: Piece[]): { pieces: Piece[]; changed: boolean } {
  const out: Piece[] = [];
  let changed = false;
  for (let i = 0; i < pieces.length; ) {
    const p = pieces[i]!;
    if (p.s === '%' && HEX.test((pieces[i + 1]?.s ?? '') + (pieces[i + 2]?.s ?? ''))) {
      const bytes: number[] = [];
      const spans: [number, number][] = [];
      let j = i;
      while (pieces[j]?.s === '%' && HEX.test((pieces[j + 1]?.s ?? '') + (pieces[j + 2]?.s ?? ''))) {
        bytes.push(parseInt(pieces[j + 1]!.s + pieces[j + 2]!.s, 16));
        spans.push([pieces[j]!.from, pieces[j + 2]!.to]);
        j += 3;
      }
      for (const c of utf8(bytes)) out.push({ s: String.fromCodePoint(c.cp), from: spans[c.first]![0], to: spans[c.last]![1] });
      changed = true;
      i = j;
      continue;
    }
    if (p.s === '&') {
      // The pieces a reference could span, and how far into the text each one ends.
      let ahead = '';
      const ends: number[] = [];
      for (let k = i; k < pieces.length && ahead.length < 34; k++) ends.push((ahead += pieces[k]!.s).length);
      const m = REFERENCE.exec(ahead);
      const value = m ? (m[1] ? safePoint(Number(m[1])) : m[2] ? safePoint(parseInt(m[2], 16)) : named(m[3]!)) : undefined;
      const count = m ? ends.indexOf(m[0].length) + 1 : 0;
      if (m && value !== undefined && count > 0) {
        if (value) out.push({ s: value, from: p.from, to: pieces[i + count - 1]!.to });
        changed = true;
        i += count;
        continue;
      }
    }
    out.push(p);
    i++;
  }
  return { pieces: out, changed };
}

const safePoint = (cp: number) => (cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : undefined);

/** Folded text under construction, with its map (grown as folding lengthens the text: ß → ss). */
class Builder {
  private chunks: string[] = [];
  private n = 0;
  start: Int32Array;
  end: Int32Array;

  constructor(length: number) {
    this.start = new Int32Array(length + 16);
    this.end = new Int32Array(length + 16);
  }

  /** Room for `more` folded characters. */
  private reserve(more: number): void {
    if (this.n + more <= this.start.length) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2 + more);
      b.set(a);
      return b;
    };
    this.start = grow(this.start);
    this.end = grow(this.end);
  }

  /** `folded`, read from the original span [from, to). */
  add(folded: string, from: number, to: number): void {
    this.reserve(folded.length);
    for (let k = 0; k < folded.length; k++, this.n++) {
      this.start[this.n] = from;
      this.end[this.n] = to;
    }
    this.chunks.push(folded);
  }

  /** A run of ASCII, one to one: [from, to) of the original. */
  addAscii(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.reserve(to - from);
    for (let i = from; i < to; i++, this.n++) {
      this.start[this.n] = i;
      this.end[this.n] = i + 1;
    }
    this.chunks.push(text.slice(from, to).toLowerCase());
  }

  done(): Folded {
    return { text: this.chunks.join(''), start: this.start.subarray(0, this.n), end: this.end.subarray(0, this.n) };
  }
}

/** `text` folded for matching, with the map back to it. */
export function fold(text: string): Folded {
  const encoded = /%[0-9A-Fa-f]{2}|&[#A-Za-z]/.test(text);
  // Most of a packet is plain ASCII with nothing encoded: folded by lower-casing alone, one to one.
  if (!encoded && !/[^\t\n\r -~]/.test(text)) return { text: text.toLowerCase(), start: null, end: null };
  const out = new Builder(text.length);
  if (!encoded) {
    let ascii = 0;
    for (let i = 0; i < text.length; ) {
      if (text.charCodeAt(i) < 0x80) {
        i++;
        continue;
      }
      out.addAscii(text, ascii, i);
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      out.add(foldPoint(cp), i, i + width);
      i += width;
      ascii = i;
    }
    out.addAscii(text, ascii, text.length);
    return out.done();
  }
  let pieces: Piece[] = [];
  for (let i = 0; i < text.length; ) {
    const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
    pieces.push({ s: text.slice(i, i + width), from: i, to: i + width });
    i += width;
  }
  // Twice-encoded text (%255A, &amp;#90;) needs a second round; a third covers a mix of the two.
  for (let round = 0; round < 3; round++) {
    const r = decodeRound(pieces);
    pieces = r.pieces;
    if (!r.changed) break;
  }
  for (const p of pieces) for (const ch of p.s) out.add(foldPoint(ch.codePointAt(0)!), p.from, p.to);
  return out.done();
}

/** The original span of folded characters [from, to). */
export function originalSpan(f: Folded, from: number, to: number): [number, number] {
  return f.start && f.end ? [f.start[from]!, f.end[to - 1]!] : [from, to];
}
