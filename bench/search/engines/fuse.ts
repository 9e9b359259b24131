// fuse.js, as the quick switcher uses it, over every claim statement: a fuzzy scan of each.

import Fuse from 'fuse.js';
import { LIMIT, type Claim, type EngineFactory } from '../types.js';

export const fuse: EngineFactory = ({ size }) => {
  let index: Fuse<Claim> | undefined;
  return {
    name: 'fuse.js',
    inMemory: true,
    // A query scans every statement (about 0.1 s each at 1k): 200 of each kind would take
    // minutes at 10k and hours at 100k.
    maxQueries: size >= 10_000 ? 20 : 100,
    note: 'default threshold (0.6) with ignoreLocation (by default only the first ~60 characters of a statement can match); the words as one pattern, no AND, prefix or phrase',
    build: (claims) => {
      index = new Fuse(claims, { keys: ['statement'], ignoreLocation: true });
    },
    search: (q) => ({ ids: index!.search(q.terms.join(' '), { limit: LIMIT }).map((r) => r.item.id) }),
  };
};
