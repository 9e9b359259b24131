// The extractor on one pattern at a time. People are invented, except where the brief's own
// examples are used with its paraphrases (Trone, Pardo, the Chinese Embassy).
import { describe, expect, it } from 'vitest';
import { extractQuotes, speakerDetails } from './extract.js';
import type { QuoteProposal } from './types.js';

/** Proposals as [quote, speaker], after checking every offset points at its quote. */
function quotes(text: string): Array<[string, string | null]> {
  const proposals = extractQuotes(text);
  for (const p of proposals) expectAnchored(text, p);
  return proposals.map((p) => [p.quote, p.speaker]);
}

function expectAnchored(text: string, p: QuoteProposal) {
  expect(text.slice(p.start, p.end)).toBe(p.quote);
  expect(text).toContain(p.sentence);
  expect(p.sentence).toContain(p.quote);
}

describe('quotation marks', () => {
  it('reads curly and straight double quotes', () => {
    expect(quotes('“We will appeal,” said Jane Doe, the defense lawyer.')).toEqual([['We will appeal,', 'Jane Doe']]);
    expect(quotes('"We will appeal," Jane Doe said.')).toEqual([['We will appeal,', 'Jane Doe']]);
  });

  it('keeps a quote within a quote inside one proposal', () => {
    const intro = 'Mary Poole, a neighbor, saw the arrest. ';
    expect(quotes(`${intro}“He said ‘no’ twice,” she said.`)).toEqual([['He said ‘no’ twice,', 'Mary Poole']]);
    expect(quotes(`${intro}"He said 'no, not me' twice," Poole said.`)).toEqual([["He said 'no, not me' twice,", 'Mary Poole']]);
  });

  it('does not take apostrophes for quotation marks', () => {
    const text = "Trone's aides said the '90s were different and the workers' union didn't agree. \"We don't know yet,\" Rep. David Trone said.";
    expect(quotes(text)).toEqual([["We don't know yet,", 'David Trone']]);
    expect(quotes('The union’s chief didn’t comment on the ’90s strike or the drivers’ demands.')).toEqual([]);
  });

  it('reads single quotes at the top level, as headlines and British text use them', () => {
    expect(quotes('Gov. Ann Lee said the budget was ‘dead on arrival’ and asked for a vote.')).toEqual([['dead on arrival', 'Ann Lee']]);
  });

  it('keeps bracketed insertions and ellipses in the quote', () => {
    expect(quotes('“They [the cartels] buy … whatever is legal,” said Omar Haddad, a customs analyst.')).toEqual([
      ['They [the cartels] buy … whatever is legal,', 'Omar Haddad'],
    ]);
    expect(quotes('"It was a mistake ... and we fixed it," Haddad said. Omar Haddad runs the office.')).toEqual([
      ['It was a mistake ... and we fixed it,', 'Haddad'],
    ]);
  });

  it('drops unbalanced marks rather than guessing where a quote ends', () => {
    expect(quotes('“This never closes, said Ann Lee.\n\nThe next paragraph is plain.')).toEqual([]);
  });

  it('reads a quote that runs over two paragraphs as one proposal per paragraph', () => {
    const text = 'Ruth Amos, the county clerk, explained the delay.\n\n“We counted twice,” Amos said. “Then we counted again.\n\n“Every ballot was checked by hand.”';
    expect(quotes(text)).toEqual([
      ['We counted twice,', 'Ruth Amos'],
      ['Then we counted again.', 'Ruth Amos'],
      ['Every ballot was checked by hand.', 'Ruth Amos'],
    ]);
  });
});

describe('quotes split around the attribution', () => {
  it('gives each part its own proposal with the speaker', () => {
    const text = 'Rep. David Trone (D-Md.) spoke on Monday. “China is the source,” Trone said. “They sell directly to the cartels.”';
    expect(quotes(text)).toEqual([
      ['China is the source,', 'David Trone'],
      ['They sell directly to the cartels.', 'David Trone'],
    ]);
  });

  it('attributes both halves of a sentence broken by the attribution', () => {
    const text = 'Mayor Ana Ruiz met the council. “We are ready,” the mayor said, “but we need the money.”';
    expect(quotes(text)).toEqual([
      ['We are ready,', 'Ana Ruiz'],
      ['but we need the money.', 'Ana Ruiz'],
    ]);
  });
});

describe('attribution before or after the quote', () => {
  it.each([
    ['said X', '“The levee held,” said Tom Price.', 'Tom Price'],
    ['X said', '“The levee held,” Tom Price said.', 'Tom Price'],
    ['X says', '“Prices will fall,” says economist Lila Marsh.', 'Lila Marsh'],
    ['X told a paper in a written statement', 'Helen Ortiz told The Post in a written statement that the company “followed every rule we were given.”', 'Helen Ortiz'],
    ['according to X', 'The plant will close, “with or without a buyer,” according to Rafael Gomez, the plant manager.', 'Rafael Gomez'],
    ['noted X', '“Costs have doubled since 2019,” noted Priya Nair, an analyst at Fitch Ratings.', 'Priya Nair'],
    ['X warned', '“This could spread to the valley,” Dr. Kim Soo warned.', 'Kim Soo'],
    ['X wrote', '“The data are clear,” Priya Nair wrote in an email.', 'Priya Nair'],
    ['X argued', '“The statute is vague,” Sam Reed argued before the panel.', 'Sam Reed'],
    ['X said in an interview', '“We lost everything,” Lena Brook said in an interview.', 'Lena Brook'],
    ['X replied', '“Not in this budget,” Lena Brook replied.', 'Lena Brook'],
    ['colon introduction', 'Grace Obi said: “The count was wrong from the start.”', 'Grace Obi'],
    ['said that …', 'Grace Obi said that the board “ignored every warning it was given.”', 'Grace Obi'],
    ['participle', 'Grace Obi defended the count, saying “every ballot was checked twice.”', 'Grace Obi'],
  ])('%s', (_pattern, text, speaker) => {
    const found = quotes(text);
    expect(found).toHaveLength(1);
    expect(found[0]![1]).toBe(speaker);
  });

  it('X added, after the speaker was introduced', () => {
    expect(quotes('Luis Ortega, the fire chief, toured the site. “We will rebuild,” Ortega added.')).toEqual([['We will rebuild,', 'Luis Ortega']]);
  });

  it('a colon at the end of a paragraph introduces the quote in the next one', () => {
    expect(quotes('Grace Obi, the losing candidate, said:\n\n“The count was wrong from the start.”')).toEqual([['The count was wrong from the start.', 'Grace Obi']]);
  });

  it('a question quote keeps its attribution in the same sentence', () => {
    expect(quotes('“Where did the money go?” asked Vera Lund, a council member.')).toEqual([['Where did the money go?', 'Vera Lund']]);
  });

  it('two speakers in one sentence each keep their own quote', () => {
    expect(quotes('“We won,” said Ann Lee, but Carl Moss said the result was “far from settled.”')).toEqual([
      ['We won,', 'Ann Lee'],
      ['far from settled.', 'Carl Moss'],
    ]);
  });
});

describe('titles and affiliations', () => {
  it('separates a name from its role', () => {
    const text = 'Bryce Pardo, drug policy researcher at RAND Corp., said: “Suppliers flow like water into gaps in the law.”';
    const [p] = extractQuotes(text);
    expect(p).toMatchObject({ speaker: 'Bryce Pardo', role: 'drug policy researcher at RAND Corp.' });
    expect(speakerDetails(text)).toEqual([{ name: 'Bryce Pardo', kind: 'person', role: 'drug policy researcher', affiliation: 'RAND Corp.' }]);
  });

  it('drops titles and party labels from the name', () => {
    expect(quotes('“China is the source,” said Rep. David Trone (D-Md.).')).toEqual([['China is the source,', 'David Trone']]);
    expect(quotes('“The ruling stands,” said U.S. District Judge Amy Kerr.')).toEqual([['The ruling stands,', 'Amy Kerr']]);
    expect(quotes('“We need a ladder truck,” Fire Chief Ray Dunn said.')).toEqual([['We need a ladder truck,', 'Ray Dunn']]);
    expect(quotes('“We need a ladder truck,” said Dunn, the fire chief. Ray Dunn has led the department since 2015.')).toEqual([['We need a ladder truck,', 'Dunn']]);
  });

  it('takes the name after a role written before it', () => {
    expect(quotes('“The books balance,” her spokesperson, Dana Hill, said in an email.')).toEqual([['The books balance,', 'Dana Hill']]);
    expect(quotes('“The books balance,” said the company’s auditor, Dana Hill.')).toEqual([['The books balance,', 'Dana Hill']]);
    expect(quotes('Ministry spokesperson Li Wei said the sanctions would “hurt cooperation between our agencies.”')).toEqual([
      ['hurt cooperation between our agencies.', 'Li Wei'],
    ]);
  });
});

describe('organisations as speakers', () => {
  it('names an embassy with its city', () => {
    const text = 'The Chinese Embassy in Washington, D.C., said in a written statement that the allegations were “false and irresponsible.”';
    expect(quotes(text)).toEqual([['false and irresponsible.', 'Chinese Embassy in Washington, D.C.']]);
  });

  it('lets a spokesperson speak for the organisation', () => {
    expect(quotes('“Traffickers adapted to the controls,” a State Department spokesperson said.')).toEqual([
      ['Traffickers adapted to the controls,', 'State Department'],
    ]);
    expect(quotes('A spokesperson for Harlow Foods Inc. said the recall “covers every store in the state.”')).toEqual([
      ['covers every store in the state.', 'Harlow Foods Inc.'],
    ]);
  });

  it('resolves "the agency" and "the statement" to the organisation that spoke', () => {
    const text =
      'The Federal Aviation Administration said in a statement that the runway was closed. “Safety comes first,” the statement said. “We will reopen when the inspection is complete,” the agency added.';
    expect(quotes(text).map(([, s]) => s)).toEqual(['Federal Aviation Administration', 'Federal Aviation Administration']);
  });
});

describe('later mentions', () => {
  const intro = 'Bryce Pardo, drug policy researcher at RAND Corp., studies the chemical trade. ';

  it('by last name', () => {
    expect(quotes(`${intro}“Suppliers flow like water,” Pardo said.`)).toEqual([['Suppliers flow like water,', 'Bryce Pardo']]);
  });

  it('by role', () => {
    expect(quotes(`${intro}“Suppliers flow like water,” the researcher said.`)).toEqual([['Suppliers flow like water,', 'Bryce Pardo']]);
  });

  it('by pronoun, to the most recent person it can be', () => {
    const text = 'Ms. Ada Fox, the treasurer, spoke first. Then Mr. Tom Hale, the auditor, presented the report. “The books balance,” she said. “Not quite,” he added.';
    expect(quotes(text)).toEqual([
      ['The books balance,', 'Ada Fox'],
      ['Not quite,', 'Tom Hale'],
    ]);
  });

  it('a pronoun skips places and organisations', () => {
    const text = 'Nadia Kerr, who owns a bakery in Long Beach, reopened on Monday after the Water Board lifted its order. “We lost a week of sales,” she said.';
    expect(quotes(text)).toEqual([['We lost a week of sales,', 'Nadia Kerr']]);
  });

  it('a quote with no cue of its own continues the last attribution in its paragraph', () => {
    const text = 'Harbor pilot Jon Ames said the channel was too shallow. “We hit bottom twice last month.”';
    expect(quotes(text)).toEqual([['We hit bottom twice last month.', 'Jon Ames']]);
  });

  it('a quote opening a paragraph continues the reported speech that ended the previous one', () => {
    expect(quotes('Harbor pilot Jon Ames said the channel was too shallow.\n\n“We hit bottom twice last month.”')).toEqual([['We hit bottom twice last month.', 'Jon Ames']]);
    // …but not an attribution from further back, nor for a quote in the middle of a sentence.
    expect(quotes('Harbor pilot Jon Ames said the channel was too shallow. The port disagrees.\n\n“We hit bottom twice last month.”')).toEqual([['We hit bottom twice last month.', null]]);
    expect(quotes('Harbor pilot Jon Ames said the channel was too shallow.\n\nThe harbor has seen “three groundings since the spring dredging ended.”')).toEqual([
      ['three groundings since the spring dredging ended.', null],
    ]);
  });

  it('the speaker inside a relative clause ("a memo in which Ruiz told staff")', () => {
    expect(quotes('Earlier, Kerr cited a memo in which Ruiz allegedly told staff: “Shred the invoices before the audit.” Tina Ruiz denies it.')).toEqual([
      ['Shred the invoices before the audit.', 'Ruiz'],
    ]);
    expect(quotes('Tina Ruiz ran the office. Later, Kerr cited a memo in which Ruiz allegedly told staff: “Shred the invoices before the audit.”')).toEqual([
      ['Shred the invoices before the audit.', 'Tina Ruiz'],
    ]);
  });

  it('an unnamed source stays unnamed, and is described as the text describes them', () => {
    const text = 'A dock worker who asked not to be named said the cranes had stopped. “Nobody told us anything,” the worker said.';
    expect(quotes(text)).toEqual([['Nobody told us anything,', 'a dock worker']]);
    expect(extractQuotes(text)[0]!.speakerDetail).toEqual({ name: null, kind: 'person', description: 'a dock worker', role: 'dock worker' });
  });
});

describe('titles of works and terms are not claims', () => {
  it.each([
    ['a podcast', 'He made the same case on the podcast “The Daily.”'],
    ['a report', 'The commission cited the report “Fentanyl Flows from China” in its findings.'],
    ['a report, after it', 'Staff relied on “Fentanyl Flows from China,” a 2018 report by the commission.'],
    ['a film', 'The documentary “Silent Harbor” opens Friday in three cities.'],
    ['titled', 'Ann Lee, the mayor, released a plan titled “A Safer Riverfront for Everyone” on Tuesday.'],
    ['a headline', 'The paper ran the headline “Mayor Quits” above the fold.'],
    ['so-called', 'Suppliers moved on to so-called “pre-precursors,” the mayor said.'],
    ['a term as a modifier', 'Sellers face no “know your customer” rules in the province.'],
    ['scare quotes', 'The company calls the fee a “convenience” charge.'],
    ['Title Case with no attribution', 'Workers carried signs reading "No Contract, No Cargo" down the avenue.'],
  ])('%s', (_kind, text) => {
    expect(quotes(text)).toEqual([]);
  });

  it('keeps a short partial quote that someone is credited with', () => {
    expect(quotes('Acme Corp. said the offer was "not sustainable" and walked out.')).toEqual([['not sustainable', 'Acme Corp.']]);
    // Credited to an organisation the text never names: a claim, described as the text describes it.
    expect(quotes('The union said the offer was "not sustainable" and walked out.')).toEqual([['not sustainable', 'the union']]);
    expect(extractQuotes('The union said the offer was "not sustainable" and walked out.')[0]!.speakerDetail).toEqual({ name: null, kind: 'organisation', description: 'the union' });
  });
});

describe('abbreviations do not end sentences', () => {
  it('keeps a sentence whole across Rep., Sen., Dr., Mr., Ms., Corp., Inc., U.S., D.C., Md., Calif., a.m., p.m., No., St. and months', () => {
    const sentence =
      '“We start at dawn,” said Sen. Ann Cole, who met Rep. Tom Bell, Dr. Eve Park, Mr. Lee and Ms. Ward of Acme Corp. and Delta Inc. at the U.S. Capitol in Washington, D.C., after flights from Baltimore, Md., and Fresno, Calif., at 9 a.m. and 4 p.m. on Jan. 5 and Feb. 2 at No. 10 St. James Place.';
    const [p] = extractQuotes(`${sentence} The meeting ran long.`);
    expect(p?.sentence).toBe(sentence);
    expect(p?.speaker).toBe('Ann Cole');
  });

  it('still ends a sentence after an abbreviation when a new one clearly starts', () => {
    const [p] = extractQuotes('She moved to Oakland, Calif. “The rent was lower,” Ann Cole said.');
    expect(p?.sentence).toBe('“The rent was lower,” Ann Cole said.');
  });
});
