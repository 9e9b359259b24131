// One name, however it is written: the key by which a speaker in an article, a row of a bulk
// import or a name typed in a form is matched to a source already on file. "Rep. David Trone
// (D-Md.)" and "David Trone", "the Chinese Embassy" and "Chinese Embassy", "China’s Embassy" and
// "China's Embassy", "José" and "Jose" are each one source. Pure, so core and the renderer agree.

import { plainLetters } from './plain-letters.js';

/** Courtesy and office titles written before a name; they say what someone is, not who. */
const TITLES = new Set(
  `mr mrs ms miss mx dr prof professor sir dame lord lady rev fr sr sra
   rep reps representative sen senator gov governor lt gen col maj capt cpt sgt adm cmdr
   president vice pres secretary sec minister premier mayor judge justice chancellor councillor
   councilman councilwoman cllr ambassador amb atty attorney chief commissioner deputy director
   inspector officer detective speaker chairman chairwoman chair`.split(/\s+/),
);

/**
 * After a title, words that make it part of an organisation's name rather than a person's title:
 * "Justice Department", "Secretary of State", "Mayor's Office" keep their first word.
 */
const NOT_A_NAME = new Set(
  `of for to and on the general department dept ministry office council committee commission court
   board agency bureau service services party union association institute school university
   college league club foundation group fund`.split(/\s+/),
);

/** Corporate endings that vary between articles ("RAND Corp." and "RAND Corporation"). */
const CORPORATE = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'plc', 'gmbh', 'sa', 'ag']);

/**
 * The matching key of a name: lower case, without diacritics, apostrophes of every shape the
 * same, punctuation dropped, a leading "the", leading titles, a party tag ("(D-Md.)", "D-Ill.")
 * and a corporate ending removed. Never empty for a name with a letter or digit in it: a name
 * that is nothing but a title ("Senator") keeps it.
 */
export function sourceNameKey(name: string): string {
  const plain = plainLetters(name)
    // A party tag in brackets or after a comma: "(D-Md.)", ", R-Texas".
    .replace(/\(\s*[a-z]{1,2}\s*[-–]\s*[a-z. ]+\)/g, ' ')
    .replace(/,\s*[a-z]\s*[-–]\s*[a-z.]+\s*$/g, ' ')
    // ’ ‘ ʼ ` ´ and ' all spell one apostrophe; it joins, it does not separate ("O’Neill"), and
    // so does the full stop of an abbreviation ("U.S." is "US").
    .replace(/['’‘ʼ`´.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words = plain.split(' ').filter(Boolean);
  const all = [...words];
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && TITLES.has(words[0]!) && !NOT_A_NAME.has(words[1]!)) words.shift();
  while (words.length > 1 && CORPORATE.has(words[words.length - 1]!)) words.pop();
  return (words.length ? words : all).join(' ');
}

/** Every key a source answers to: its name and each alias. */
export function sourceKeys(source: { name: string; aliases?: readonly string[] }): string[] {
  return [...new Set([source.name, ...(source.aliases ?? [])].map(sourceNameKey).filter(Boolean))];
}

/** Whether two names are one source's, written differently. */
export function sameSourceName(a: string, b: string): boolean {
  const ka = sourceNameKey(a);
  return ka !== '' && ka === sourceNameKey(b);
}
