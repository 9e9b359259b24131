import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { DEFAULT_SIZE, parseWindowState, placeWindow, readWindowState, writeWindowState, type WindowState } from './window-state.js';

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
/** A monitor to the laptop's right, taller, its top higher. */
const monitor = { workArea: { x: 1440, y: -200, width: 2560, height: 1400 } };
const state = (x: number, y: number, width = 1200, height = 800, maximized = false): WindowState => ({ bounds: { x, y, width, height }, maximized });

describe('placeWindow', () => {
  it('puts the window back where it was on a display that is there', () => {
    expect(placeWindow(state(100, 60), [laptop])).toEqual({ x: 100, y: 60, width: 1200, height: 800, maximized: false });
    expect(placeWindow(state(2000, 0, 1600, 1000, true), [laptop, monitor])).toEqual({ x: 2000, y: 0, width: 1600, height: 1000, maximized: true });
  });

  it('opens at the default size, placed by the system, when the display it was on is gone', () => {
    expect(placeWindow(state(2000, 0, 1600, 1000, true), [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: true });
    expect(placeWindow(state(2000, 0), [])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('needs the title bar on the display, not a sliver of the window', () => {
    // Only the bottom 40 px would show at the top of the laptop: the title bar is above it.
    expect(placeWindow(state(100, -775), [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    // Only 50 px of the left edge on screen.
    expect(placeWindow(state(1390, 100), [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('shrinks a window larger than its display and keeps it inside', () => {
    expect(placeWindow(state(600, 25, 3000, 2000), [laptop])).toEqual({ x: 0, y: 25, width: 1440, height: 875, maximized: false });
    expect(placeWindow(state(1000, 500, 1200, 800), [laptop])).toEqual({ x: 240, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('starts fresh without a saved state', () => {
    expect(placeWindow(null, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });
});

describe('parseWindowState', () => {
  it('reads what writeWindowState wrote, and nothing else', () => {
    const file = join(tempDir(), 'window-state.json');
    writeWindowState(file, state(10, 20, 1000, 700, true));
    expect(readWindowState(file)).toEqual(state(10, 20, 1000, 700, true));
    expect(readWindowState(join(tempDir(), 'missing.json'))).toBeNull();
    writeFileSync(file, '{"bounds": {"x": 1');
    expect(readWindowState(file)).toBeNull();
  });

  it('refuses damaged or edited values', () => {
    for (const text of [
      'null',
      '[]',
      '"window"',
      '{"bounds":{"x":0,"y":0,"width":800,"height":600}}',
      '{"bounds":{"x":0,"y":0,"width":800,"height":600},"maximized":"yes"}',
      '{"bounds":{"x":0.5,"y":0,"width":800,"height":600},"maximized":false}',
      '{"bounds":{"x":0,"y":0,"width":0,"height":600},"maximized":false}',
      '{"bounds":{"x":0,"y":0,"width":1e9,"height":600},"maximized":false}',
      '{"bounds":{"x":"0","y":0,"width":800,"height":600},"maximized":false}',
      '{"bounds":null,"maximized":false}',
    ]) {
      expect(parseWindowState(text), text).toBeNull();
    }
  });

  it('writes the file whole, readable only by the user', () => {
    const file = join(tempDir(), 'window-state.json');
    writeWindowState(file, state(1, 2));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state(1, 2));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
