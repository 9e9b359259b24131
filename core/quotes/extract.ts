// Quotations in a news article and who said them: the first pass a reporter would otherwise do
// by hand before turning quotes into claims. Pure text work: no network, no model.
//
// Reading order matters, because a speaker is named once in full and then by last name, role or
// pronoun. So the article is read sentence by sentence (quotations opaque, see sentences.ts),
// feeding the registry of names as it goes:
//   1. find the quotations (scan.ts) and the sentences around them (sentences.ts);
//   2. in each sentence find the speech cues (attribution.ts) and resolve each cue's speaker
//      phrase (phrases.ts) against who has been introduced so far (registry.ts);
//   3. give each quotation the cue right after it, else the nearest before it in its sentence;
//      a quotation without one continues the last attribution in its paragraph ("…,” Trone
//      said. “…”), or the one that ends the previous paragraph ("Pardo said:");
//   4. drop titles of works and terms (nonclaims.ts).
//
// A quotation split around its attribution (“China is the source,” Trone said. “They sell …”)
// gives one proposal per part, each with the speaker: each part keeps exact offsets into the
// text, which a merged proposal could not.

import { candidateEvents, findSpeechEvents, type SpeechEvent } from './attribution.js';
import { findMentions } from './mentions.js';
import { quoteUse } from './nonclaims.js';
import { paragraphRanges } from './paragraphs.js';
import { Registry, type Resolution } from './registry.js';
import { findQuoteSpans } from './scan.js';
import { segmentSentences } from './sentences.js';
import { speakerDetail, speakerLabel } from './speaker.js';
import type { QuoteProposal, QuoteSpan, Sentence, SpeakerDetail } from './types.js';

export type { QuoteProposal, SpeakerDetail } from './types.js';

/** The context given with a quotation is its sentence, cut to this much either side of the marks. */
const CONTEXT = 1000;

export function extractQuotes(text: string): QuoteProposal[] {
  return read(text).map(({ proposal }) => proposal);
}

/** The speakers of an article's quotations, each once, as the extractor understood them. */
export function speakerDetails(text: string): SpeakerDetail[] {
  const details = new Map<string, SpeakerDetail>();
  for (const { proposal } of read(text)) {
    const detail = proposal.speakerDetail;
    const key = detail?.name ?? detail?.description;
    if (detail && key && !details.has(key)) details.set(key, detail);
  }
  return [...details.values()];
}

interface Attribution {
  paragraph: number;
  /** Index of the sentence it was made in. */
  sentence: number;
  resolution: Resolution;
  /** A quotation that runs on into the next paragraph. */
  runsOn: boolean;
}

interface Read {
  proposal: QuoteProposal;
  resolution: Resolution;
}

function read(text: string): Read[] {
  const spans = findQuoteSpans(text);
  const sentences = segmentSentences(text, spans, paragraphRanges(text));
  const registry = new Registry();
  const mentions = findMentions(text, spans, sentences);
  let mentionAt = 0;
  const readUpTo = (at: number) => {
    for (; mentionAt < mentions.length && mentions[mentionAt]!.at < at; mentionAt++) {
      const m = mentions[mentionAt]!;
      registry.mention(m.info, m.at, m.confirmed, m.role, m.subject);
    }
  };

  const echoes = headlineEchoes(text, spans, sentences);
  // An article that quotes people in double marks uses single ones at the top level only for a slogan or term.
  const doubleStyle = spans.some((s) => s.marks === 'double');
  const out: Read[] = [];
  let last: Attribution | null = null;
  let spanAt = 0;
  for (const [index, sentence] of sentences.entries()) {
    registry.sentence();
    if (sentences[index - 1]?.paragraph !== sentence.paragraph) registry.paragraph(sentence.start);
    const quotes: QuoteSpan[] = [];
    for (; spanAt < spans.length && spans[spanAt]!.open < sentence.end; spanAt++) if (spans[spanAt]!.open >= sentence.start) quotes.push(spans[spanAt]!);

    const events = findSpeechEvents(text, sentence, quotes);
    const resolutions = resolveEvents(events, registry, readUpTo);

    for (const [i, quote] of quotes.entries()) {
      const own = ownAttribution(events, resolutions, quote, quotes[i + 1]?.open ?? sentence.end);
      // A framing verb credits a short phrase (called Trump “my friend”) but not a name in Title
      // Case (thanked “Saturday Night Live”), which it is as likely to be the object of.
      const use = quoteUse(text, quote, sentence, own === null ? 'none' : own.framed ? 'framed' : 'speech');
      if (use !== 'claim' || echoes.has(quote) || (doubleStyle && isInsetPhrase(text, quote))) continue;
      const opensParagraph = quote.open === sentence.start && sentences[index - 1]?.paragraph !== sentence.paragraph;
      const resolution: Resolution = own?.resolution ?? inherited(last, sentence.paragraph, index, opensParagraph) ?? { found: false, entity: null };
      out.push({ proposal: proposal(text, quote, sentence, resolution), resolution });
      if (resolution.found) last = { paragraph: sentence.paragraph, sentence: index, resolution, runsOn: quote.runsOn };
    }

    // Reported speech after the last quotation ("Pardo said producers move …") is the latest attribution.
    const lastQuoteOpen = quotes[quotes.length - 1]?.open ?? -1;
    const lastEvent = resolutions.findLastIndex((r, i) => r.found && events[i]!.at > lastQuoteOpen);
    if (lastEvent >= 0) last = { paragraph: sentence.paragraph, sentence: index, resolution: resolutions[lastEvent]!, runsOn: false };
    readUpTo(sentence.end);
  }
  // Roles are learnt as the article goes on: every quotation of a speaker gets the final picture.
  for (const { proposal, resolution } of out) if (resolution.entity) proposal.speakerDetail = speakerDetail(resolution.entity);
  return out;
}

/** ‘peace through strength’ in reported speech: a short phrase in single marks, not a quotation of its own. */
function isInsetPhrase(text: string, quote: QuoteSpan): boolean {
  return quote.marks === 'single' && (text.slice(quote.start, quote.end).match(/[\p{L}\p{N}]+/gu) ?? []).length <= INSET_WORDS;
}

/** Slogans and terms are a few words; a longer single-quoted passage is still someone speaking. */
const INSET_WORDS = 8;

/**
 * A headline quotes words the body quotes again with their attribution (Biden calls the vote
 * 'fair'; … he said the election was “fair”): the body's is the claim, the headline's an echo.
 * A headline is a first paragraph of one line without a full stop.
 */
function headlineEchoes(text: string, spans: QuoteSpan[], sentences: Sentence[]): Set<QuoteSpan> {
  const first = sentences[0];
  const echoes = new Set<QuoteSpan>();
  if (!first || sentences[1]?.paragraph === first.paragraph || /[.!?…]["'”’]?$/.test(text.slice(first.start, first.end)) || text.slice(first.start, first.end).includes('\n')) return echoes;
  const words = (q: QuoteSpan) => text.slice(q.start, q.end).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const body = new Set(spans.filter((q) => q.open >= first.end).map(words));
  for (const q of spans) if (q.open < first.end && body.has(words(q))) echoes.add(q);
  return echoes;
}

/** Resolves each event in reading order; a verb sharing a subject takes the previous event's speaker. */
function resolveEvents(events: SpeechEvent[], registry: Registry, readUpTo: (at: number) => void): Resolution[] {
  const out: Resolution[] = [];
  events.forEach((event, i) => {
    if (event.ref === 'previous') {
      out.push(out[i - 1] ?? { found: false, entity: null });
      return;
    }
    readUpTo(event.ref.kind === 'none' ? event.at : event.ref.at);
    out.push(registry.speaker(event.ref, event.at));
  });
  return out;
}

/** The attribution of a quotation, and whether only a framing verb ("praised", "called") gave it. */
function ownAttribution(events: SpeechEvent[], resolutions: Resolution[], quote: QuoteSpan, nextOpen: number): { resolution: Resolution; framed: boolean } | null {
  for (const i of candidateEvents(events, quote, nextOpen)) if (resolutions[i]!.found) return { resolution: resolutions[i]!, framed: events[i]!.forward === true };
  return null;
}

/**
 * A quotation with no cue of its own continues the latest attribution in its paragraph. Across
 * a paragraph break only when the quotation opens its paragraph and either the previous
 * paragraph's quotation runs on into it, or the previous paragraph ended on the attribution
 * ("Pardo said:" or "Ames said the channel was too shallow.").
 */
function inherited(last: Attribution | null, paragraph: number, sentence: number, opensParagraph: boolean): Resolution | null {
  if (!last) return null;
  if (last.paragraph === paragraph) return last.resolution;
  if (!opensParagraph || last.paragraph !== paragraph - 1) return null;
  return last.runsOn || last.sentence === sentence - 1 ? last.resolution : null;
}

function proposal(text: string, quote: QuoteSpan, sentence: Sentence, resolution: Resolution): QuoteProposal {
  const entity = resolution.entity;
  return {
    quote: text.slice(quote.start, quote.end),
    speaker: speakerLabel(entity),
    ...(entity ? { speakerDetail: speakerDetail(entity) } : {}),
    start: quote.start,
    end: quote.end,
    sentence: text.slice(Math.max(sentence.start, quote.open - CONTEXT), Math.min(sentence.end, quote.close + CONTEXT)).trim(),
    ...(entity?.role ? { role: entity.role } : {}),
  };
}
