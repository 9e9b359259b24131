// A schema.org ClaimReview feed (JSON-LD: one ClaimReview, an array of them, an @graph, or a
// DataFeed whose elements hold them in `item`) as records for records.import. Each review gives
// a claim (claimReviewed, said by itemReviewed.author on itemReviewed.datePublished, its status
// read from reviewRating), the review itself as a document (the fact-check article), and an
// evidence link from the claim to it: contradicts for a false claim, supports for a true one,
// context otherwise. Items are numbered from 1 in the order they appear; that number stands for
// the line in the import's report.

import type { Item } from './records.js';

/** A feed is read whole (JSON has no lines to stream by): larger ones are refused. */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const typeOf = (v: Json): string[] => (Array.isArray(v['@type']) ? v['@type'] : [v['@type']]).filter((t): t is string => typeof t === 'string');

/** Every ClaimReview in the document, in order, however the feed nests them. */
function reviews(doc: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(doc)) {
    for (const d of doc) reviews(d, out);
  } else if (isObject(doc)) {
    if (typeOf(doc).includes('ClaimReview')) out.push(doc);
    else for (const key of ['@graph', 'dataFeedElement', 'item', 'itemListElement']) if (key in doc) reviews(doc[key], out);
  }
  return out;
}

/** YYYY, YYYY-MM or YYYY-MM-DD from a schema.org Date or DateTime. */
function partialDate(v: unknown): string | undefined {
  const m = /^(\d{4})(-\d{2})?(-\d{2})?/.exec(text(v) ?? '');
  return m ? m[0] : undefined;
}

const FALSE = /\b(false|fake|pants on fire|incorrect|wrong|fabricated|hoax|not true)\b/i;
const MISLEADING = /\b(mislead\w*|out of context|half[- ]true|mixture|mixed|partly|partially|exaggerat\w*|distort\w*|cherry)\b/i;
const TRUE = /\b(true|correct|accurate|verified|confirmed)\b/i;
const UNVERIFIABLE = /\b(unproven|unverifi\w*|unsupported|no evidence|unsubstantiated)\b/i;

/** A claim's status from the review's rating: its words first, then where its value lies. */
export function statusOf(rating: unknown): 'false' | 'misleading' | 'verified' | 'unverifiable' | 'disputed' | 'unverified' {
  if (!isObject(rating)) return 'unverified';
  const words = text(rating.alternateName) ?? text(rating.name) ?? '';
  if (UNVERIFIABLE.test(words)) return 'unverifiable';
  if (MISLEADING.test(words)) return 'misleading';
  if (FALSE.test(words)) return 'false';
  if (TRUE.test(words)) return 'verified';
  const [value, best, worst] = [rating.ratingValue, rating.bestRating, rating.worstRating].map(Number);
  if ([value, best, worst].every(Number.isFinite) && best !== worst) {
    if (value === worst) return 'false';
    if (value === best) return 'verified';
    return 'disputed';
  }
  return 'unverified';
}

const STANCE = { false: 'contradicts', verified: 'supports' } as const;

/** The records of a ClaimReview document, or why there are none. */
export function claimReviewRecords(doc: unknown): Item[] {
  const found = reviews(doc);
  if (!found.length) return [{ line: 1, error: 'no ClaimReview in the file (a schema.org ClaimReview, a list of them, or a DataFeed of them)' }];
  return found.flatMap((review, i): Item[] => {
    const line = i + 1;
    const statement = text(review.claimReviewed);
    if (!statement) return [{ line, error: 'the ClaimReview has no claimReviewed' }];
    const item = isObject(first(review.itemReviewed)) ? (first(review.itemReviewed) as Json) : {};
    const author = first(item.author);
    const speaker = isObject(author) ? text(author.name) : text(author);
    const status = statusOf(first(review.reviewRating));
    const reviewer = first(review.author);
    const claimRef = `claimreview:${line}:claim`;
    const records: Item[] = [
      {
        line,
        record: {
          type: 'claim',
          ref: claimRef,
          statement: statement.slice(0, 20_000),
          status,
          note: 'Status read from the ClaimReview’s rating.',
          ...(speaker ? { sources: [speaker] } : {}),
          ...(partialDate(item.datePublished) ? { saidOn: partialDate(item.datePublished) } : {}),
        },
      },
    ];
    const url = text(review.url);
    if (url) {
      const docRef = `claimreview:${line}:review`;
      records.push(
        {
          line,
          record: {
            type: 'document',
            ref: docRef,
            kind: 'article',
            title: (text(review.headline) ?? text(review.name) ?? `Fact check: ${statement}`).slice(0, 500),
            url,
            ...(isObject(reviewer) && text(reviewer.name) ? { publisher: text(reviewer.name) } : {}),
            ...(partialDate(review.datePublished) ? { publishedOn: partialDate(review.datePublished) } : {}),
          },
        },
        { line, record: { type: 'evidence', claimId: claimRef, documentId: docRef, stance: STANCE[status as keyof typeof STANCE] ?? 'context' } },
      );
    }
    return records;
  });
}
