import { describe, expect, it } from 'vitest';
import { defaultLibraryPath } from '../core/paths.js';
import { libraryStart } from './library-start.js';

const env = { XDG_DATA_HOME: '/home/ana/.local/share', HOME: '/home/ana' };
const nothing = () => false;

describe('the library the app opens at start', () => {
  it('makes the default library on the very first start', () => {
    expect(libraryStart(['electron', 'main.js'], env, nothing)).toEqual({ path: defaultLibraryPath(env), action: 'open' });
  });

  it('opens a library given by path that is there', () => {
    expect(libraryStart(['electron', 'main.js', '--library', '/cases/port.corroborate'], env, (p) => p === '/cases/port.corroborate')).toEqual({ path: '/cases/port.corroborate', action: 'open' });
  });

  it('asks before making a library at a path that holds nothing (a typo, most likely)', () => {
    expect(libraryStart(['electron', 'main.js', '--library=/cases/prot.corroborate'], env, nothing)).toEqual({ path: '/cases/prot.corroborate', action: 'ask' });
    expect(libraryStart(['electron', 'main.js'], { ...env, CORROBORATE_LIBRARY: '/cases/prot.corroborate' }, nothing).action).toBe('ask');
  });

  it('makes it without asking when --create says so', () => {
    expect(libraryStart(['electron', 'main.js', '--library', '/cases/new.corroborate', '--create'], env, nothing).action).toBe('open');
  });
});
