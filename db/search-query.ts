// The search language a reporter can guess, parsed into a safe FTS5 expression plus filters.
//
//   words            every word must match
//   "a phrase"       the words together, in order (Felbab-Brown and U.S. are phrases too)
//   prefix*          words starting with it
//   -word, -"a b"    must not match
//   a OR b           either
//   source:pardo  status:disputed  type:claim  case:…  tag:…  before:2021-06  after:2021
//
// Every word reaches MATCH inside double quotes, so FTS5's own syntax in the input (NEAR(,
// col:, ^, parentheses, stray quotes) is only ever searched for as text; an unknown `x:` is
// two words. Nothing the user types can make MATCH throw or change which columns it reads.

export const FILTER_FIELDS = ['source', 'status', 'type', 'case', 'tag', 'before', 'after'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export type Filters = Partial<Record<FilterField, string[]>>;

export interface ParsedQuery {
  /** The FTS5 expression, or null when no positive word is left (filters alone, or nothing). */
  match: string | null;
  filters: Filters;
  /** The plain words searched (not phrases or prefixes): candidates for spelling suggestions. */
  words: string[];
  /** The word being typed was searched as a prefix (parseQuery's `typing`). */
  typed?: boolean;
}

/** The shortest word being typed that is searched as a prefix: a single letter starts too many. */
export const TYPED_PREFIX_MIN = 2;

// Combining marks belong to the word they follow, as they do for the FTS5 tokenizer: a
// decomposed "Solís" (macOS file names) or Hindi "हिन्दी" is one word, not fragments.
export const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

const MAX_TERMS = 64;

interface Term {
  fts: string;
  negated: boolean;
  /** Joined to the previous term by OR rather than AND. */
  or: boolean;
  plain?: string;
}

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

function isField(name: string): name is FilterField {
  return (FILTER_FIELDS as readonly string[]).includes(name);
}

/**
 * `typing`: the reporter is still typing the last word (no space after it yet), so a bare last
 * word of TYPED_PREFIX_MIN letters or more is searched as a prefix: "fent" finds fentanyl.
 */
export function parseQuery(input: string, opts: { typing?: boolean } = {}): ParsedQuery {
  const terms: Term[] = [];
  const filters: Filters = {};
  let pendingOr = false;
  let typing = false;
  for (const m of input.slice(0, 2_000).matchAll(TOKEN)) {
    if (terms.length >= MAX_TERMS) break;
    const or = pendingOr && terms.length > 0;
    pendingOr = false;
    if (m[2] !== undefined) {
      const words = m[2].match(WORD);
      if (words) terms.push({ fts: `"${words.join(' ')}"`, negated: m[1] === '-', or });
      continue;
    }
    let raw = m[3]!;
    if (raw === 'OR') {
      pendingOr = true;
      continue;
    }
    const field = /^([a-z]+):(.+)$/i.exec(raw);
    if (field && isField(field[1]!.toLowerCase())) {
      (filters[field[1]!.toLowerCase() as FilterField] ??= []).push(field[2]!.replace(/^"|"$/g, ''));
      continue;
    }
    const negated = raw.startsWith('-') && raw.length > 1;
    if (negated) raw = raw.slice(1);
    const words = raw.match(WORD);
    if (!words) continue;
    const typed = opts.typing === true && m.index + m[0].length === input.length && input.length <= 2_000 && words.length === 1 && !raw.endsWith('*') && !negated && words[0]!.length >= TYPED_PREFIX_MIN && raw === words[0];
    const prefix = raw.endsWith('*') || typed;
    if (typed) typing = true;
    terms.push({
      fts: `"${words.join(' ')}"${prefix ? '*' : ''}`,
      negated,
      or,
      ...(words.length === 1 && !prefix && !negated ? { plain: words[0]!.toLowerCase() } : {}),
    });
  }
  return { match: expression(terms), filters, words: terms.flatMap((t) => (t.plain ? [t.plain] : [])), ...(typing ? { typed: true } : {}) };
}

/** AND of OR-groups, then NOT each excluded term (FTS5's NOT needs something on its left). */
function expression(terms: Term[]): string | null {
  const groups: string[][] = [];
  const excluded: string[] = [];
  for (const t of terms) {
    if (t.negated) excluded.push(t.fts);
    else if (t.or && groups.length) groups[groups.length - 1]!.push(t.fts);
    else groups.push([t.fts]);
  }
  if (!groups.length) return null;
  const positive = groups.map((g) => (g.length > 1 ? `(${g.join(' OR ')})` : g[0]!)).join(' AND ');
  return excluded.length ? `(${positive}) NOT ${excluded.join(' NOT ')}` : positive;
}

/** The FTS5 expression alone, for callers that take no filters (quick find, the claims list). */
export function toMatchExpression(input: string): string | null {
  return parseQuery(input).match;
}
