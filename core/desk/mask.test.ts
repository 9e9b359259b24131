import { describe, expect, it } from 'vitest';
import { call, tempLibrary } from '../../test/helpers.js';
import { deskMask, MASK } from './mask.js';

const NAME = 'Margarethe Okonkwo-Lindqvist';

function library() {
  const ctx = tempLibrary();
  call(ctx, 'sources.create', { name: NAME, kind: 'person', confidential: true, aliases: ['Deep Harbour'], contact: { phone: '+46 70 555 12 34' } });
  call(ctx, 'sources.create', { name: 'Port Authority', kind: 'organisation' });
  return ctx;
}

const bars = (s: string) => MASK.repeat(s.length);

describe('the desk mask', () => {
  it('covers every withheld value character for character, in parts and spellings too, and leaves the rest', () => {
    const desk = deskMask(library().db);
    expect(desk.empty).toBe(false);
    const text = `${NAME} (Deep Harbour) rang from +46 70 555 12 34; Okonkwo-Lindqvist said the Port Authority knew.`;
    const masked = desk.mask('claim', 'statement', text) as string;
    expect(masked.length).toBe(text.length);
    expect(masked).not.toMatch(/Margarethe|Okonkwo|Lindqvist|Deep Harbour|555/);
    expect(masked).toContain('said the Port Authority knew.');
    expect(masked.startsWith(bars(NAME))).toBe(true);
    // Ids and dates are not words anyone typed: they pass as they are.
    expect(desk.mask('claim', 'saidOn', '2024-03-12')).toBe('2024-03-12');
    expect(desk.mask('claim', 'tags', ['okonkwo', 'port'])).toEqual([bars('okonkwo'), 'port']);
  });

  it('masks a note inside its text nodes and keeps it the same JSON', () => {
    const desk = deskMask(library().db);
    const note = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: `Call with ${NAME} at six.` }] }] } });
    const masked = JSON.parse(desk.mask('note', 'content', note) as string) as { root: { children: { children: { text: string }[] }[] } };
    expect(masked.root.children[0]!.children[0]!.text).toBe(`Call with ${bars(NAME)} at six.`);
  });

  it('puts the holder’s words back under the runs a member left untouched, and only there', () => {
    const desk = deskMask(library().db);
    const mine = `${NAME} says the contract skipped the tender; Deep Harbour agrees.`;
    const theirs = desk.mask('claim', 'statement', mine) as string;
    const edited = `Our source: ${theirs.replace('skipped', 'bypassed')} Two officials confirm it.`;
    expect(desk.restore('claim', 'statement', edited, mine)).toBe(`Our source: ${NAME} says the contract bypassed the tender; Deep Harbour agrees. Two officials confirm it.`);
    // A run moved between other words is not guessed at: it stays masked.
    const moved = `The tender was skipped, says ${bars(NAME)}.`;
    expect(desk.restore('claim', 'statement', moved, mine)).toBe(moved);
    // A note: its text nodes, one by one.
    const note = (t: string) => JSON.stringify({ root: { type: 'root', children: [{ type: 'text', text: t }] } });
    const mineNote = note(`Met ${NAME} at the ferry.`);
    const theirNote = JSON.parse(desk.mask('note', 'content', mineNote) as string) as { root: { children: { text: string }[] } };
    theirNote.root.children[0]!.text += ' She brought the minutes.';
    expect(desk.restore('note', 'content', JSON.stringify(theirNote), mineNote)).toBe(note(`Met ${NAME} at the ferry. She brought the minutes.`));
  });

  it('is nothing at all for a library that withholds nothing', () => {
    const ctx = tempLibrary();
    call(ctx, 'sources.create', { name: 'Port Authority', kind: 'organisation' });
    const desk = deskMask(ctx.db);
    expect(desk.empty).toBe(true);
    expect(desk.mask('claim', 'statement', 'Anything at all')).toBe('Anything at all');
  });
});
