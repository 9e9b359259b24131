// MiniSearch over every claim statement: an inverted index in a radix tree, BM25-ranked.

import MiniSearch from 'minisearch';
import { LIMIT, type Claim, type EngineFactory } from '../types.js';

export const minisearch: EngineFactory = () => {
  let index: MiniSearch<Claim> | undefined;
  return {
    name: 'MiniSearch',
    inMemory: true,
    note: 'combineWith AND; prefix: true for prefix queries, fuzzy: 0.2 for typo queries only; no phrase search (the two words, ANDed); returns every match, cut to 50',
    build: (claims) => {
      index = new MiniSearch<Claim>({ fields: ['statement'] });
      index.addAll(claims);
    },
    search: (q) => ({
      ids: index!
        .search(q.terms.join(' '), { combineWith: 'AND', prefix: q.prefix, fuzzy: q.typo ? 0.2 : false })
        .slice(0, LIMIT)
        .map((r) => String(r.id)),
    }),
  };
};
