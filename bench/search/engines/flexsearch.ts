// FlexSearch over every claim statement, with its default options (tokenizer "strict": whole
// words only) or another tokenizer.

import { Index, type Tokenizer } from 'flexsearch';
import { LIMIT, type EngineFactory } from '../types.js';

export const flexsearch =
  (tokenize?: Tokenizer): EngineFactory =>
  () => {
    let index: Index | undefined;
    let ids: string[] = [];
    return {
      name: tokenize ? `FlexSearch (tokenize: ${tokenize})` : 'FlexSearch',
      inMemory: true,
      note: `${tokenize ? `tokenize "${tokenize}"` : 'default options (tokenize "strict": a prefix query matches only the whole word)'}; words ANDed, no phrase search, no typo tolerance asked for`,
      build: (claims) => {
        const built = new Index(tokenize ? { tokenize } : undefined);
        claims.forEach((c, i) => built.add(i, c.statement));
        ids = claims.map((c) => c.id);
        index = built;
      },
      search: (q) => ({ ids: (index!.search(q.terms.join(' '), { limit: LIMIT }) as number[]).map((i) => ids[i]!) }),
    };
  };
