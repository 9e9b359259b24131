// Who is speaking, class by class (issue 15): the failure classes seen on real articles, each in
// sentences of our own. People and places are invented unless they are real places.
import { describe, expect, it } from 'vitest';
import { extractQuotes } from './extract.js';

const speakers = (text: string) => extractQuotes(text).map((p) => [p.quote, p.speaker]);

describe('pronouns', () => {
  it('are not given to a place named between the speaker and the quote', () => {
    const text =
      'Analyst Mara Quist spoke after a week of travel through Burkina Faso and North Carolina.\n\n' +
      '“Nobody there expected the vote to go this way,” she said.';
    expect(speakers(text)).toEqual([['Nobody there expected the vote to go this way,', 'Mara Quist']]);
  });

  it('go to who the text is about, not to someone named in passing as an object', () => {
    const text =
      'Rep. Lena Hartwell told reporters that the governor had called Deputy Mayor Peter Vance twice.\n\n' +
      '“We asked for the records and got nothing back,” she said.';
    expect(speakers(text)).toEqual([['We asked for the records and got nothing back,', 'Lena Hartwell']]);
  });

  it('agree in gender: once "she" is one person, "he" is someone else', () => {
    const text =
      'Councilman Arno Pike opened the hearing. Engineer Dalia Moss presented the study.\n\n' +
      '“The bridge needs a new deck within five years,” she said.\n\n' +
      '“We will find the money,” he said.';
    expect(speakers(text)).toEqual([
      ['The bridge needs a new deck within five years,', 'Dalia Moss'],
      ['We will find the money,', 'Arno Pike'],
    ]);
  });
});

describe('descriptions as speakers', () => {
  it('"the official added" in a later paragraph is an unnamed official, not the last named speaker', () => {
    const text =
      '“The talks went well,” Minister Ivo Brandt said on Monday.\n\n' +
      'Negotiators met again on Tuesday behind closed doors.\n\n' +
      '“Nothing has been agreed,” the official added.';
    const proposals = extractQuotes(text);
    expect(proposals.map((p) => p.speaker)).toEqual(['Ivo Brandt', 'the official']);
    expect(proposals[1]!.speakerDetail).toMatchObject({ name: null, description: 'the official' });
  });

  it('"said the woman" is a woman the text does not name, not the mayor quoted before', () => {
    const text =
      '“We will rebuild,” Mayor Tom Reyes said from the stage.\n\n' +
      'A woman in the crowd held up a photograph of her son.\n\n' +
      '“He was nineteen,” said the woman.';
    const [, p] = extractQuotes(text);
    expect(p!.speaker).toBe('the woman');
    expect(p!.speakerDetail).toMatchObject({ name: null, kind: 'person', description: 'the woman' });
  });

  it('a description in the paragraph where someone is speaking is the reporter\'s word for them', () => {
    const text = 'Inspector Hana Ruiz said the audit was late. “We found gaps in every ledger,” the inspector added, “and in two of them, fraud.”';
    expect(speakers(text).map(([, s]) => s)).toEqual(['Hana Ruiz', 'Hana Ruiz']);
  });

  it('a thing that "asked" or "said" is not a new speaker', () => {
    const text = 'Sen. Ida Crane said the budget asked too little of the ports. She argued the agency had “looked away for years.”';
    expect(speakers(text)).toEqual([['looked away for years.', 'Ida Crane']]);
  });
});
