// Arbitrary editor-shaped JSON thrown at the note check: it either stores a state that checks
// the same again (what it stores is what it would accept), or refuses it with BAD_INPUT. Never
// another error, never a crash or a hang (it found a nested root that sent Lexical's parser
// round a cycle), and never a style, an unsafe link or an unknown node stored.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { plainText } from './lexical-text.js';
import { checkedNoteContent } from './note-content.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

const TYPES = ['paragraph', 'heading', 'quote', 'list', 'listitem', 'link', 'autolink', 'text', 'linebreak', 'tab', 'claim-citation', 'document-citation', 'excerpt-citation', 'source-mention', 'claim-mark', 'root', 'image', 'table'];
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'h2', 'bullet', 'number', 'normal', 'token', 'https://example.org/', 'javascript:alert(1)', 'color: red', '01ID'),
  fc.integer({ min: -2, max: 300 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom('01A', '', 3), { maxLength: 3 }),
);
const FIELDS = ['text', 'format', 'style', 'mode', 'detail', 'tag', 'listType', 'start', 'value', 'url', 'rel', 'target', 'title', 'claimId', 'documentId', 'excerptId', 'sourceId', 'name', 'claimIds', 'indent', 'direction', 'textStyle', 'textFormat', 'version', 'evil'];

/** A node, its children at most `depth` levels below it. */
function node(depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        type: fc.constantFrom(...TYPES),
        fields: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }),
        children: depth === 0 ? fc.constant(undefined) : fc.option(fc.array(node(depth - 1), { maxLength: 3 }), { nil: undefined }),
      },
      { requiredKeys: ['type', 'fields'] },
    )
    .map(({ type, fields, children }) => ({ ...fields, type, ...(children ? { children } : {}) }));
}
const state = fc.array(node(4), { maxLength: 4 }).map((children) => JSON.stringify({ root: { type: 'root', version: 1, children } }));

function walk(n: Record<string, unknown>, visit: (n: Record<string, unknown>) => void): void {
  visit(n);
  if (Array.isArray(n.children)) for (const c of n.children) walk(c as Record<string, unknown>, visit);
}

describe('checkedNoteContent on arbitrary input', () => {
  it('stores a fixed point or refuses with BAD_INPUT, and never stores what the editor refuses', () => {
    let stored = 0;
    fc.assert(
      fc.property(state, (content) => {
        let out: string;
        try {
          out = checkedNoteContent(content);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).code).toBe('BAD_INPUT');
          return;
        }
        stored++;
        expect(checkedNoteContent(out)).toBe(out);
        expect(typeof plainText(out)).toBe('string');
        walk((JSON.parse(out) as { root: Record<string, unknown> }).root, (n) => {
          expect(['image', 'table']).not.toContain(n.type);
          if ('style' in n) expect(n.style).toBe('');
          if ('textStyle' in n) expect(n.textStyle).toBe('');
          if (typeof n.url === 'string') expect(n.url).toMatch(/^(https?|mailto|tel):/);
        });
      }),
      { numRuns: RUNS, seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined },
    );
    // The generator reaches valid notes too, not only refusals.
    expect(stored).toBeGreaterThan(0);
  });
});
