// Letters as a reader matches them, for every comparison of names and withheld values (the
// redaction engine, the source-name key): compatibility forms unified (NFKD: full-width letters,
// ligatures), lower case, diacritics and invisible characters (zero-width, soft hyphen, bidi
// controls, variation selectors) dropped, and the letters NFKD leaves whole read as their plain
// form (Łukasz = Lukasz, Strauß = Strauss, Søren = Soren).

const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŋ: 'n', ĸ: 'k' };
const WHOLE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
const INVISIBLE = /[\p{M}\p{Default_Ignorable_Code_Point}]/gu;

export function plainLetters(text: string): string {
  // Lower-casing can add a mark (İ → i̇): decompose again after it.
  return text.normalize('NFKD').toLowerCase().normalize('NFKD').replace(INVISIBLE, '').replace(WHOLE, (c) => LETTERS[c]!);
}
