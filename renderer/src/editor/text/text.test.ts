// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readBlocks, rangeOf } from './dom-text';
import { findAll } from './find';
import { isCheckable, sentences, uncitedSentences, type Piece } from './uncited';

const t = (text: string, cited = false): Piece => ({ text, cited });
const chip: Piece = { cite: true };
const spansText = (pieces: Piece[]) => {
  const text = pieces.map((p) => ('cite' in p ? '\uFFFC' : p.text)).join('');
  return uncitedSentences(pieces).map((s) => text.slice(s.start, s.end));
};

describe('uncited sentences', () => {
  it('flags sentences with a number, a quote or a name that cite nothing', () => {
    expect(spansText([t('Seizures rose 40% in 2021. The weather was fine. He met officials in Culiacán. “We know,” one said.')])).toEqual([
      'Seizures rose 40% in 2021.',
      'He met officials in Culiacán.',
      '“We know,” one said.',
    ]);
  });

  it('a chip after the full stop cites the sentence before it, not the next one', () => {
    expect(spansText([t('Seizures rose 40% in 2021. '), chip, t(' Shipments came from Tianjin.')])).toEqual(['Shipments came from Tianjin.']);
    expect(spansText([t('Seizures rose 40% in 2021'), chip, t('. Shipments came from Tianjin. '), chip])).toEqual([]);
  });

  it('a passage inside a claim mark is cited', () => {
    expect(spansText([t('As reported, '), t('seizures rose 40%', true), t('. Prices fell 10%.')])).toEqual(['Prices fell 10%.']);
  });

  it('knows what is checkable', () => {
    expect(isCheckable('It was a long night.')).toBe(false);
    expect(isCheckable('I think so.')).toBe(false);
    expect(isCheckable('They flew to Mexico.')).toBe(true);
    expect(isCheckable('There were 3 of them.')).toBe(true);
    expect(sentences('One. Two.')).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
  });
});

describe('find', () => {
  it('finds every match, ignoring case and accents', () => {
    expect(findAll('Solís met SOLIS and solis.', 'solis')).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 15 },
      { start: 20, end: 25 },
    ]);
    expect(findAll('abc', '  ')).toEqual([]);
  });
});

describe('the editor DOM as blocks', () => {
  it('reads text and chips per block and maps spans back to ranges', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<p><span>Prices rose </span><strong>40%</strong><span class="chip-host" data-citation="claim-citation" contenteditable="false"><button>Verified</button></span><span>. Next.</span></p>' +
      '<ul><li><span>Item </span><mark class="claim-mark"><span>one</span></mark></li></ul>';
    document.body.append(root);
    const blocks = readBlocks(root);
    expect(blocks.map((b) => b.text)).toEqual(['Prices rose 40%\uFFFC. Next.', 'Item one']);
    expect(blocks[1]!.pieces[1]).toEqual({ text: 'one', cited: true });
    const [match] = findAll(blocks[0]!.text, 'rose 40');
    expect(rangeOf(blocks[0]!, match!)?.toString()).toBe('rose 40');
    expect(rangeOf(blocks[0]!, { start: 12, end: 17 })?.toString()).toBe('40%Verified.');
  });
});
