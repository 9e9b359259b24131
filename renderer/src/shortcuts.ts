// The keyboard shortcuts, declared once: the `?` list is drawn from this table, and the
// handler in commands.tsx dispatches the same keys. Single letters never fire while the
// reporter is typing (in a field, a menu, the notes editor).

export interface Shortcut {
  keys: string[];
  does: string;
}

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUT_GROUPS: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Create',
    shortcuts: [
      { keys: ['N'], does: 'New claim in this case' },
      { keys: ['S'], does: 'New source' },
      { keys: ['D'], does: 'New document (paste its text)' },
      { keys: ['C'], does: 'New case' },
    ],
  },
  {
    title: 'Find and move',
    shortcuts: [
      { keys: [MOD, 'K'], does: 'Quick switcher: any case, source, claim, document or note' },
      { keys: ['/'], does: 'Search everything' },
      { keys: ['1', '…', '8'], does: 'Claims, Sources, Documents, Notes, Search, Trash, Map, Timeline' },
      { keys: ['←', '→', '↑', '↓'], does: 'Map: move between nodes (Enter opens, F focuses on a claim); Timeline: earlier or later' },
      { keys: ['+', '−', '0'], does: 'Map and Timeline: zoom in, zoom out, fit' },
    ],
  },
  {
    title: 'In a list',
    shortcuts: [
      { keys: ['↑', '↓'], does: 'Select the previous or next record' },
      { keys: ['Home', 'End'], does: 'First or last record' },
      { keys: ['Enter'], does: 'Open the selected record' },
      { keys: ['E'], does: 'Edit the open claim or source' },
      { keys: ['Esc'], does: 'Close the form, dialog or record' },
    ],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: [MOD, 'Z'], does: 'Undo the last move to the trash or merge (outside text fields)' },
      { keys: [MOD, ','], does: 'Preferences' },
      { keys: [MOD, 'Shift', 'E'], does: 'Export a packet of this case' },
      { keys: [MOD, 'Shift', 'L'], does: 'Lock the window at once (panic lock); Unlock reads the case again' },
      { keys: ['?'], does: 'This list' },
    ],
  },
];

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

/** Whether a key pressed here is the reporter typing, not a command. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}
