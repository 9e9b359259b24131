// Scoring the extractor on labelled articles: test/fixtures/quotes/NAME.txt beside
// NAME.labels.json, which lists every quotation that is a claim (its inner text and speaker, in
// the order they appear) and the quoted titles and terms that must not be proposed.
//
//   precision         proposals that overlap a labelled quotation / proposals
//   recall            labelled quotations overlapped by a proposal / labelled quotations
//   speaker accuracy  matched proposals whose speaker equals the label (case-insensitive;
//                     null = unnamed) / matched proposals
// Counts are summed over the folder's articles before dividing (micro-averaged).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractQuotes } from './extract.js';
import type { QuoteProposal } from './types.js';

export interface LabelFile {
  about?: string;
  quotes: Array<{ quote: string; speaker: string | null }>;
  notClaims: string[];
}

export interface LabelledQuote {
  quote: string;
  speaker: string | null;
  start: number;
  end: number;
}

export interface Counts {
  proposals: number;
  labels: number;
  /** Proposals matched to a labelled quotation (one to one). */
  matched: number;
  speakersRight: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  speakerAccuracy: number;
}

export interface ArticleScore {
  file: string;
  counts: Counts;
  /** Proposals matching no labelled quotation; `notClaim` when they hit a labelled title or term. */
  falsePositives: Array<QuoteProposal & { notClaim: boolean }>;
  missed: LabelledQuote[];
  wrongSpeakers: Array<{ label: LabelledQuote; proposal: QuoteProposal }>;
}

export interface FolderScore {
  metrics: Metrics;
  articles: ArticleScore[];
}

type Range = { start: number; end: number };

/** Offsets of each label, found in order; a label that is not in the text is a broken fixture. */
export function locateLabels(text: string, labels: LabelFile): { quotes: LabelledQuote[]; notClaims: Range[] } {
  let from = 0;
  const quotes = labels.quotes.map((l) => {
    const start = text.indexOf(l.quote, from);
    if (start < 0) throw new Error(`Labelled quote not found (in order) in the text: ${l.quote}`);
    from = start + l.quote.length;
    return { ...l, start, end: from };
  });
  const notClaims = labels.notClaims.map((n) => {
    const start = text.indexOf(n);
    if (start < 0) throw new Error(`Labelled title or term not found in the text: ${n}`);
    return { start, end: start + n.length };
  });
  return { quotes, notClaims };
}

const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;
/** A label of null is an unnamed speaker: right when the proposal names no one (it may describe them). */
const sameSpeaker = (proposal: QuoteProposal, label: string | null) =>
  label === null ? !proposal.speakerDetail?.name : (proposal.speaker ?? '').trim().toLowerCase() === label.trim().toLowerCase();

export function scoreArticle(file: string, text: string, labels: LabelFile, proposals: QuoteProposal[]): ArticleScore {
  const { quotes, notClaims } = locateLabels(text, labels);
  const used = new Set<QuoteProposal>();
  const missed: LabelledQuote[] = [];
  const wrongSpeakers: ArticleScore['wrongSpeakers'] = [];
  let speakersRight = 0;
  for (const label of quotes) {
    const proposal = proposals.find((p) => !used.has(p) && overlaps(p, label));
    if (!proposal) {
      missed.push(label);
      continue;
    }
    used.add(proposal);
    if (sameSpeaker(proposal, label.speaker)) speakersRight++;
    else wrongSpeakers.push({ label, proposal });
  }
  const falsePositives = proposals.filter((p) => !used.has(p)).map((p) => ({ ...p, notClaim: notClaims.some((n) => overlaps(p, n)) }));
  return {
    file,
    counts: { proposals: proposals.length, labels: quotes.length, matched: used.size, speakersRight },
    falsePositives,
    missed,
    wrongSpeakers,
  };
}

export function metrics(counts: Counts): Metrics {
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    ...counts,
    precision: ratio(counts.matched, counts.proposals),
    recall: ratio(counts.matched, counts.labels),
    speakerAccuracy: ratio(counts.speakersRight, counts.matched),
  };
}

/** Scores every labelled article directly in `dir` (not in its subfolders). */
export function evaluateFolder(dir: string, extract: (text: string) => QuoteProposal[] = extractQuotes): FolderScore {
  const articles = readdirSync(dir)
    .filter((f) => f.endsWith('.labels.json'))
    .sort()
    .map((labelFile) => {
      const file = labelFile.replace(/\.labels\.json$/, '.txt');
      const text = readFileSync(join(dir, file), 'utf8');
      const labels = JSON.parse(readFileSync(join(dir, labelFile), 'utf8')) as LabelFile;
      return scoreArticle(file, text, labels, extract(text));
    });
  const total: Counts = { proposals: 0, labels: 0, matched: 0, speakersRight: 0 };
  for (const a of articles) for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += a.counts[k];
  return { metrics: metrics(total), articles };
}
