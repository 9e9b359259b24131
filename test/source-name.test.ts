import { describe, expect, it } from 'vitest';
import { sameSourceName, sourceKeys, sourceNameKey } from '../shared/source-name.js';

describe('the matching key of a source’s name', () => {
  it.each([
    ['Chinese Embassy', 'the Chinese Embassy'],
    ['China’s Embassy', "China's Embassy"],
    ['China‘s Embassy', 'Chinaʼs Embassy'],
    ['David Trone', 'Rep. David Trone'],
    ['David Trone', 'Rep. David Trone (D-Md.)'],
    ['Delia Ramirez', 'Rep. Delia Ramirez, D-Ill.'],
    ['Ann Cole', 'Sen. Ann Cole'],
    ['Eve Park', 'Dr.  Eve   Park'],
    ['José Martínez', 'Jose Martinez'],
    ['Zoë Ørsted', 'Zoe Orsted'],
    ['Łukasz Wałęsa', 'Lukasz Walesa'],
    ['RAND Corp.', 'RAND Corporation'],
    ['Acme Inc', 'ACME, Inc.'],
    ['Sean O’Neill', "Sean O'Neill"],
    ['U.S. Department of State', 'US Department of State'],
  ])('“%s” and “%s” are one source', (a, b) => {
    expect(sameSourceName(a, b)).toBe(true);
  });

  it.each([
    ['David Trone', 'David Trones'],
    ['Chinese Embassy', 'Chinese Embassy in Mexico City'],
    ['Ann Cole', 'Ann Cook'],
    ['the official', 'an official'],
    ['Justice Department', 'Department'],
    ['Secretary of State', 'of State'],
    ['Justice Department', 'Defense Department'],
    ['Chief of Staff', 'Staff'],
  ])('“%s” and “%s” are not', (a, b) => {
    expect(sameSourceName(a, b)).toBe(false);
  });

  it('keeps a name that is only a title or only “the”, rather than emptying it', () => {
    expect(sourceNameKey('Senator')).toBe('senator');
    expect(sourceNameKey('The')).toBe('the');
    expect(sourceNameKey('The Company')).toBe('company');
    expect(sameSourceName('', '')).toBe(false);
    expect(sameSourceName('!!!', '???')).toBe(false);
  });

  it('reads every alias as a name', () => {
    expect(sourceKeys({ name: 'Rep. David Trone', aliases: ['Trone', 'David J. Trone'] })).toEqual(['david trone', 'trone', 'david j trone']);
  });
});
