// Notes are checked with Lexical, which core/note-content.ts requires on first use from the
// compiled note-lexical.js. Under the TypeScript test runner there is no compiled file to require,
// so the same module is imported here and handed over before any test runs.

import { provideLexical } from '../core/note-content.js';

provideLexical(await import('../core/note-lexical.js'));
