import { describe, expect, it } from 'vitest';
import { compileRedactor, handlesIn, isSharedDomain, urlsIn, WITHHELD, type WithheldValues } from './engine.js';
import { fold, originalSpan } from './fold.js';

const W = WITHHELD;
const values: WithheldValues = {
  people: ['Zebulon Quixotic', 'Juan de la Cruz', 'Ana Li'],
  phrases: ['The Ferryman', '+1 555 0199', 'zeb.q@quixotic-mail.net', 'press@harbour.example.org'],
  emails: ['zeb.q@quixotic-mail.net', 'press@harbour.example.org'],
  domains: ['quixotic-mail.net'],
  phones: ['+1 555 0199'],
};

describe('the redaction engine', () => {
  const r = compileRedactor(values);

  it.each([
    ['zebulon said so', `${W} said so`],
    ['ZEBULÓN said so', `${W} said so`],
    ['Zeb\u00ADulon said so', `${W} said so`],
    ['Zeb\u200Bulon said so', `${W} said so`],
    ['Ｚｅｂｕｌｏｎ said so', `${W} said so`],
    ['Zebul&oacute;n said so', `${W} said so`],
    ['&#90;ebulon and &#x5A;ebulon', `${W} and ${W}`],
    ['Quixotic, Zebulon', W],
    ['zebulonquixotic', W],
    ['quixotic_zebulon', W],
    ['@zquixotic and Z. Quixotic', `@${W} and ${W}`],
    ['zebulon1987', `${W}1987`],
    ['https://social.example/zebulon.quixotic', `https://social.example/${W}`],
    ['https://social.example/%5Aebulon?x=1', `https://social.example/${W}?x=1`],
    ['https://search.example/?q=Zebulon+Quixotic#top', `https://search.example/?q=${W}#top`],
    ['https://search.example/?q=Zebulon%2520Quixotic', `https://search.example/?q=${W}`],
    ['https://search.example/#Zebul%C3%B3n', `https://search.example/#${W}`],
    ['Met the ferryman at noon', `Met ${W} at noon`],
    ['Call (555) 0199, 15550199, 555-0199 or +1-555-0199.', `Call ${W}, ${W}, ${W} or ${W}.`],
    ['Order 9915550199 shipped', `Order ${W} shipped`],
    ['mailto:ZEB.Q@quixotic-mail.net', `mailto:${W}`],
    ['zeb.q wrote from quixotic-mail.net', `${W} wrote from ${W}`],
    ['Juan de la Cruz, then Cruz alone', `${W}, then ${W} alone`],
    ['Li said so', `${W} said so`],
  ])('%s', (input, expected) => {
    expect(r.redact(input)).toBe(expected);
  });

  it.each([
    'Zebulonian scholars and a Quixotical plan',
    'Call 555 0198 instead',
    'de facto, la plupart, van and von',
    'The press release, sent to press@ another desk',
    'Anyone at harbour.example.org or gmail.com',
    'An official said',
  ])('leaves %s alone', (input) => {
    expect(r.redact(input)).toBe(input);
  });

  it('replaces only the matched span of the original, and counts each replacement', () => {
    const fresh = compileRedactor(values);
    const text = 'Ünïcödé — “Zé\u200Bbulon” wrote; ％ and &amp; stay. ✓ then ZEBULON.';
    expect(fresh.redact(text)).toBe(`Ünïcödé — “${W}” wrote; ％ and &amp; stay. ✓ then ${W}.`);
    expect(fresh.replaced).toBe(2);
    expect(fresh.holds('ZEBULON')).toBe(true);
    expect(fresh.replaced).toBe(2);
  });

  it('withholds nothing when nothing is withheld', () => {
    const none = compileRedactor({ people: [], phrases: [], emails: [], domains: [], phones: [] });
    expect(none.redact('Zebulon +1 555 0199')).toBe('Zebulon +1 555 0199');
    expect(none.holds('anything')).toBe(false);
  });

  it('tells shared mail providers and example domains from a private domain', () => {
    expect(isSharedDomain('gmail.com')).toBe(true);
    expect(isSharedDomain('Proton.me')).toBe(true);
    expect(isSharedDomain('state.example.org')).toBe(true);
    expect(isSharedDomain('quixotic-mail.net')).toBe(false);
    expect(isSharedDomain('x.com')).toBe(true);
    expect(isSharedDomain('zebq.substack.com')).toBe(false);
  });

  it('finds the handles and web addresses written in a contact value', () => {
    expect(handlesIn('Signal: @zeb_q. Mail zeb@quixotic-mail.net, or @ab')).toEqual(['zeb_q']);
    expect(urlsIn('Profile: https://www.social.example/zebulon.quixotic, blog www.quixotic.blog.')).toEqual([
      { host: 'social.example', rest: 'zebulon.quixotic' },
      { host: 'quixotic.blog', rest: '' },
    ]);
  });
});

describe('folding', () => {
  it('maps every folded character back to the original span it came from', () => {
    const text = 'Sol%C3%ADs &eacute;t&#xE9; ß';
    const f = fold(text);
    expect(f.text).toBe('solis ete ss');
    const at = f.text.indexOf('solis');
    expect(text.slice(...originalSpan(f, at, at + 5))).toBe('Sol%C3%ADs');
    expect(text.slice(...originalSpan(f, 6, 9))).toBe('&eacute;t&#xE9;');
    expect(text.slice(...originalSpan(f, 10, 12))).toBe('ß');
  });

  it('reads plain ASCII one to one, without a map', () => {
    expect(fold('Plain Text 42')).toEqual({ text: 'plain text 42', start: null, end: null });
  });
});
