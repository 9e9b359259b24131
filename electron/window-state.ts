// The window's size, position and maximised state, kept in a small JSON file in the app's
// userData folder and restored at the next start — but only onto a display that is there now
// (a laptop undocked from the monitor it was on must not open its window off screen). The
// decisions are plain functions; electron/window-state.test.ts checks them with fake displays.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** What main.ts passes to the window: a position only when the saved one is on a display. */
export interface Placement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1360, height: 860 };
export const MIN_SIZE = { width: 900, height: 600 };
/** Larger than any display made: a saved value beyond it is damage, not a window. */
const MAX_SIDE = 32_768;
/** How much of the window's top edge (its title bar) must be on one display to put it back there. */
const VISIBLE_TITLE = { width: 120, height: 32 };

const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The saved state, or null for anything that is not one (a missing, damaged or edited file). */
export function parseWindowState(text: string): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: Partial<Rectangle>; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null || typeof maximized !== 'boolean') return null;
  const { x, y, width, height } = bounds;
  if (!isInt(x, -MAX_SIDE, MAX_SIDE) || !isInt(y, -MAX_SIDE, MAX_SIDE) || !isInt(width, 1, MAX_SIDE) || !isInt(height, 1, MAX_SIDE)) return null;
  return { bounds: { x, y, width, height }, maximized };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: the saved place when its title bar is on one of `displays` (their
 * work areas: without the taskbar or the menu bar), shrunk to fit that display; else the default
 * size, placed by the system. The maximised state is kept either way.
 */
export function placeWindow(saved: WindowState | null, displays: readonly { workArea: Rectangle }[]): Placement {
  if (!saved) return { ...DEFAULT_SIZE, maximized: false };
  const { bounds } = saved;
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE_TITLE.height };
  const home = displays.find((d) => {
    const o = overlap(titleBar, d.workArea);
    return o.width >= Math.min(VISIBLE_TITLE.width, bounds.width) && o.height >= VISIBLE_TITLE.height;
  });
  if (!home) return { ...DEFAULT_SIZE, maximized: saved.maximized };
  const area = home.workArea;
  const width = Math.max(MIN_SIZE.width, Math.min(bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(bounds.height, area.height));
  // Shrunk or not, the window starts inside the display, its title bar reachable.
  const x = Math.max(area.x, Math.min(bounds.x, area.x + area.width - width));
  const y = Math.max(area.y, Math.min(bounds.y, area.y + area.height - height));
  return { width, height, x, y, maximized: saved.maximized };
}

/** Reads the saved state; a missing or damaged file is no saved state. */
export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Writes the state whole or not at all (a crash mid-write leaves the previous file). */
export function writeWindowState(file: string, state: WindowState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
