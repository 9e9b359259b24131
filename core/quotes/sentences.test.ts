import { describe, expect, it } from 'vitest';
import { paragraphRanges } from './paragraphs.js';
import { findQuoteSpans } from './scan.js';
import { segmentSentences } from './sentences.js';

function sentences(text: string): string[] {
  return segmentSentences(text, findQuoteSpans(text), paragraphRanges(text)).map((s) => text.slice(s.start, s.end));
}

describe('segmentSentences', () => {
  it('does not end a sentence at titles, "No.", "St." or months', () => {
    const text = 'Rep. Ann Lee met Sen. Tom Bell, Dr. Eve Park, Mr. Cole, Ms. Ward and Mrs. Hale at No. 4 Elm St. on Jan. 5, Mar. 3, Aug. 9 and Dec. 1. They left.';
    expect(sentences(text)).toHaveLength(2);
  });

  it('does not end a sentence at Corp., Inc., U.S., D.C., a.m. or p.m. when the sentence goes on', () => {
    const text = 'Acme Corp. and Delta Inc. told the U.S. District Court in Washington, D.C., at 9 a.m. Monday and again at 4 p.m. that they would settle. Then they did.';
    expect(sentences(text)).toHaveLength(2);
  });

  it('ends a sentence after a state or an ambiguous abbreviation when a new one starts', () => {
    expect(sentences('The firm is in Towson, Md. Prosecutors say it had no staff.')).toHaveLength(2);
    expect(sentences('She moved to the U.S. The rent was lower.')).toHaveLength(2);
    expect(sentences('Pickets went up at 6 a.m. Workers carried signs.')).toHaveLength(2);
    expect(sentences('She lives in Oakland, Calif. “The rent is lower,” she said.')).toHaveLength(2);
  });

  it('keeps a multi-sentence quotation and its attribution in one sentence', () => {
    expect(sentences('“We tried. We failed,” Lee said. She left.')).toEqual(['“We tried. We failed,” Lee said.', 'She left.']);
    expect(sentences('“Where is the money?” Lee asked. Nobody answered.')).toEqual(['“Where is the money?” Lee asked.', 'Nobody answered.']);
    expect(sentences('“Stop.” The crowd went quiet.')).toEqual(['“Stop.”', 'The crowd went quiet.']);
  });

  it('ends sentences at paragraph breaks and numbers each sentence’s paragraph', () => {
    const text = 'A headline without a stop\n\nFirst sentence. Second sentence.';
    const found = segmentSentences(text, [], paragraphRanges(text));
    expect(found.map((s) => [text.slice(s.start, s.end), s.paragraph])).toEqual([
      ['A headline without a stop', 0],
      ['First sentence.', 1],
      ['Second sentence.', 1],
    ]);
  });

  it('reads one paragraph per line when the text has no blank lines', () => {
    expect(paragraphRanges('One.\nTwo.\nThree.')).toHaveLength(3);
    expect(paragraphRanges('One.\nTwo.\n\nThree.')).toHaveLength(2);
  });

  it('ends a sentence at a quotation set inside it that closes on a full stop, even before "X said"', () => {
    const text = 'The ministry said the outbreak was “under control.” The Kremlin said the claim was absurd.';
    const found = segmentSentences(text, findQuoteSpans(text), paragraphRanges(text));
    expect(found.map((s) => text.slice(s.start, s.end))).toEqual([
      'The ministry said the outbreak was “under control.”',
      'The Kremlin said the claim was absurd.',
    ]);
  });
});
