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

describe('gender from given names', () => {
  it('"she" is not given to a man who became the subject after her', () => {
    const text =
      'Rep. Maria Soto, D-Ariz., said the program had failed. Governor Peter Lang has promised to expand it.\n\n' +
      '“Families in my district waited for months,” she said.';
    expect(speakers(text)).toEqual([['Families in my district waited for months,', 'Maria Soto']]);
  });
});

describe('who a sentence is about', () => {
  it('a name introduced by a possessive subject is the subject, and a wrong gender guess does not spread', () => {
    const text =
      '“We lost the harvest,” said Dario Pereira-Lund, who grows plums.\n\n' +
      'Pereira-Lund\'s neighbor, Ilse Brandvold, switched to drip lines. She said the change “halved our water use.”\n\n' +
      'Pereira-Lund, for his part, is not giving up. “My grandfather planted these trees,” he said.';
    expect(speakers(text)).toEqual([
      ['We lost the harvest,', 'Dario Pereira-Lund'],
      ['halved our water use.', 'Ilse Brandvold'],
      ['My grandfather planted these trees,', 'Dario Pereira-Lund'],
    ]);
  });
});

describe('British style', () => {
  it('reads single quotes, Councillor as a title and "Her colleague X" as the subject', () => {
    const text =
      "Councillor Priya Nair said after the vote: 'This is the most important thing we have done.'\n\n" +
      "Her colleague Tom Whitby disagreed. 'We are building on flood plains,' he said.";
    expect(speakers(text)).toEqual([
      ['This is the most important thing we have done.', 'Priya Nair'],
      ['We are building on flood plains,', 'Tom Whitby'],
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

describe('names, titles and party tags', () => {
  it('a party tag set off by commas is part of the name, not the speaker', () => {
    const [p] = extractQuotes('“The bill is dead on arrival,” Rep. Carla Nunez, D-Ore., said Tuesday.');
    expect(p!.speaker).toBe('Carla Nunez');
    expect(p!.speakerDetail).toMatchObject({ name: 'Carla Nunez', kind: 'person' });
    expect(p!.speakerDetail!.role).toContain('D-Ore.');
  });

  it('a title with no name in an appositive is the role of the name before it', () => {
    const [p] = extractQuotes('“The threat is rising,” Lin Wei-chen, Deputy Director-General of the Coast Guard Administration, told reporters.');
    expect(p!.speaker).toBe('Lin Wei-chen');
    expect(p!.speakerDetail).toMatchObject({ role: 'Deputy Director-General', affiliation: 'Coast Guard Administration' });
  });

  it('an organisation before a title is the affiliation, and a hyphenated title is a title', () => {
    const [p] = extractQuotes('“We publish on Monday,” Harbor Gazette Editor-in-Chief Mina Soto said.');
    expect(p!.speakerDetail).toEqual({ name: 'Mina Soto', kind: 'person', role: 'Editor-in-Chief', affiliation: 'Harbor Gazette' });
    const [q] = extractQuotes('State Department spokesman Arlo Penn said the claim was “false.”');
    expect(q!.speakerDetail).toEqual({ name: 'Arlo Penn', kind: 'person', role: 'spokesman', affiliation: 'State Department' });
  });

  it('a later mention by a multi-word surname is the same person, and a lone adverb is no role', () => {
    const text = 'Analyst Karim El Masri said talks would resume. El Masri, however, warned that a deal “could take years.”';
    const proposals = extractQuotes(text);
    expect(proposals.map((p) => p.speaker)).toEqual(['Karim El Masri']);
    expect(proposals[0]!.speakerDetail).toEqual({ name: 'Karim El Masri', kind: 'person', role: 'Analyst' });
  });

  it('the affiliation is the organisation the role names, not a field or a person', () => {
    const text = '“Costs will rise,” said Noor Haddad, senior fellow for Gulf security at the Lisbon Policy Institute, a longtime critic of Governor Ray Stone.';
    expect(extractQuotes(text)[0]!.speakerDetail).toMatchObject({ name: 'Noor Haddad', affiliation: 'Lisbon Policy Institute' });
  });

  it('a title holding an organisation word still titles a person ("Council President Jan Roe")', () => {
    const text = 'Council President Jan Roe said she was “saddened but not surprised.”';
    expect(extractQuotes(text)[0]!.speakerDetail).toEqual({ name: 'Jan Roe', kind: 'person', role: 'Council President' });
  });

  it('someone\'s attorney has no organisation', () => {
    const text = 'Delaney\'s attorney, Paul Russo, said the case was “built on lies.”';
    expect(extractQuotes(text)[0]!.speakerDetail).toEqual({ name: 'Paul Russo', kind: 'person', role: "Delaney's attorney" });
  });

  it('what the speaker was doing is not their role', () => {
    const text = 'Premier Tova Lind, speaking in her weekly address, said the port would “reopen by spring.”';
    expect(extractQuotes(text)[0]!.speakerDetail).toEqual({ name: 'Tova Lind', kind: 'person', role: 'Premier' });
  });

  it('a nationality before a title belongs to the title', () => {
    const [p] = extractQuotes('Kenyan President Amina Waweru said, “We are ready to talk.”');
    expect(p!.speakerDetail).toMatchObject({ name: 'Amina Waweru', role: 'Kenyan President' });
  });

  it('a place renaming the end of a description is not the speaker', () => {
    const [p] = extractQuotes('“Prices doubled in a month,” a shopkeeper in the old city, Aleppo, wrote on Facebook.');
    expect(p!.speaker).toBe('a shopkeeper in the old city');
    expect(p!.speakerDetail).toMatchObject({ name: null, kind: 'person' });
  });
});

describe('cues other than "said"', () => {
  const intro = 'Mayor Ruth Okafor spoke on Monday. ';
  it.each([
    ['noted', `${intro}“Turnout was the highest in decades,” she noted.`],
    ['added', `${intro}“And the count is not over,” she added.`],
    ['told', `${intro}“We will ask for a recount,” Okafor told local radio.`],
    ['asked', `${intro}“Who signed off on this?” Okafor asked.`],
    ['wrote', `${intro}“Thank you, neighbours,” Okafor wrote on Facebook.`],
    ['accused', `${intro}Okafor accused the board of “hiding the numbers for months.”`],
    ['expressed hope', `${intro}Okafor expressed hope that the “worst of the flooding is behind us.”`],
    ['in a statement', `${intro}In a statement, Okafor said the city “will not be intimidated.”`],
    ['saying after an opening phrase', `${intro}In a post on Tuesday, Okafor thanked volunteers, saying, “You carried this city.”`],
  ])('%s', (_, text) => {
    expect(extractQuotes(text).map((p) => p.speaker)).toEqual(['Ruth Okafor']);
  });

  it('"issued the following statement" attributes the paragraphs that follow', () => {
    const text =
      'Sen. Paul Ibarra (R-Utah) issued the following statement on the ruling.\n\n' +
      '“Today the court upheld the law of the land.\n\n' +
      '“I urge my colleagues to respect it.”\n\n' +
      '“We will keep working.”';
    expect(extractQuotes(text).map((p) => p.speaker)).toEqual(['Paul Ibarra', 'Paul Ibarra', 'Paul Ibarra']);
  });

  it('"according to" a document released by an organisation credits the organisation', () => {
    const text = 'The premier hopes the talks will “open a new chapter,” according to a readout released by the Nordic News Agency on Friday.';
    expect(extractQuotes(text).map((p) => p.speaker)).toEqual(['Nordic News Agency']);
  });

  it('"reported in" an internal document: the company speaks', () => {
    const text = 'Orbital Foods Inc. reported in an internal presentation that sales were “flat at best.”';
    expect(extractQuotes(text).map((p) => p.speaker)).toEqual(['Orbital Foods Inc.']);
  });

  it('a speaker after a clause and a comma ("…, said Okafor.") is read after the verb', () => {
    const text = 'Councilman Abe Lund spoke first.\n\nThe city can do little more before the storm, said Mayor Ruth Okafor.\n\n“Everyone should leave while the roads are open.”';
    expect(extractQuotes(text).map((p) => p.speaker)).toEqual(['Ruth Okafor']);
  });

  it('but a name, its appositive and "told" an outlet keeps the name as the speaker', () => {
    const text = '"We tried everything," Ana Silva, head of the Harbor Workers Union, told The Daily Ledger.';
    expect(extractQuotes(text).map((p) => p.speaker)).toEqual(['Ana Silva']);
  });
});

describe('short fragments and quoted terms', () => {
  it('keeps fragments framed by called, praised, described and pledged, with their speaker', () => {
    const text =
      'Gov. Omar Haddad called his rival “a fine public servant” on Friday. He praised the volunteers as “tireless” and ' +
      'described the recovery as “a long road.” He pledged to "rebuild every school" and "reopen the clinics."';
    expect(extractQuotes(text).map((p) => [p.quote, p.speaker])).toEqual([
      ['a fine public servant', 'Omar Haddad'],
      ['tireless', 'Omar Haddad'],
      ['a long road.', 'Omar Haddad'],
      ['rebuild every school', 'Omar Haddad'],
      ['reopen the clinics.', 'Omar Haddad'],
    ]);
  });

  it('a framing verb does not turn a title it is the object of into a claim', () => {
    const text = 'Gov. Ann Reyes thanked “Saturday Night Live” for the sketch and praised its cast as “fearless.”';
    expect(speakers(text)).toEqual([['fearless.', 'Ann Reyes']]);
  });

  it('does not propose a quoted name or term', () => {
    const text = 'The insurer sold plans under names like "total shield," and what it called “smart cover.” Director Ken Obi said, “We were misled.”';
    expect(extractQuotes(text).map((p) => p.quote)).toEqual(['We were misled.']);
  });

  it('drops a headline\'s quoted words that the body quotes again', () => {
    const text = 'Mayor calls budget \'reckless\'\n\nMayor Ruth Okafor said the council budget was “reckless” and would be vetoed.';
    expect(extractQuotes(text).map((p) => [p.quote, p.speaker])).toEqual([['reckless', 'Ruth Okafor']]);
  });
});

describe('organisations speaking', () => {
  it('an embassy speaks in the third person, through "it", in a statement', () => {
    const text =
      'LIMA — The Norwegian Embassy in Lima on Monday rejected the claims, calling them “baseless.”\n\n' +
      '“Norway does not fund political parties,” the embassy said in a statement. It added that the report was “a fabrication.”';
    expect(speakers(text)).toEqual([
      ['baseless.', 'Norwegian Embassy in Lima'],
      ['Norway does not fund political parties,', 'Norwegian Embassy in Lima'],
      ['a fabrication.', 'Norwegian Embassy in Lima'],
    ]);
  });

  it('a place\'s ministry is an organisation of its own, not the last one named', () => {
    const text = 'Ana Ruiz of the Coastal Trade Council spoke first. Chile\'s foreign ministry said it “firmly rejects” the claim.';
    expect(speakers(text)).toEqual([['firmly rejects', "Chile's foreign ministry"]]);
  });

  it('a document named by its organisation speaks for it; the Kremlin is an organisation', () => {
    const text = 'Sen. Ada Brook spoke first. A Brazilian Health Ministry statement said the outbreak was “under control.” The Kremlin said the claim was “absurd.”';
    expect(speakers(text)).toEqual([
      ['under control.', 'Brazilian Health Ministry'],
      ['absurd.', 'Kremlin'],
    ]);
    expect(extractQuotes(text)[1]!.speakerDetail).toEqual({ name: 'Kremlin', kind: 'organisation' });
  });

  it('a specific organisation noun names that organisation, not the last one mentioned', () => {
    const text = 'Council approves plan\n\nThe local residents\' association said in a statement that it was "deeply disappointed."';
    const [p] = extractQuotes(text);
    expect(p!.speaker).toBe("the local residents' association");
    expect(p!.speakerDetail).toMatchObject({ name: null, kind: 'organisation' });
    expect(speakers('Acme Corp. cut 40 jobs. The company said the cuts were “painful but necessary.”')).toEqual([['painful but necessary.', 'Acme Corp.']]);
  });

  it('an organisation the text never names is described, not left blank', () => {
    const [p] = extractQuotes('“The offer is an insult,” the union said.');
    expect(p!.speaker).toBe('the union');
    expect(p!.speakerDetail).toEqual({ name: null, kind: 'organisation', description: 'the union' });
  });

  it('a portfolio is part of the title, not an affiliation', () => {
    const [p] = extractQuotes('Foreign Minister Lena Varga wrote on X: “We will not be lectured.”');
    expect(p!.speakerDetail).toEqual({ name: 'Lena Varga', kind: 'person', role: 'Foreign Minister' });
  });
});
