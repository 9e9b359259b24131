import type { KeyboardEvent } from 'react';
import type { Selection } from '../navigation';

/** Puts the keyboard focus on a view's list (the VirtualListbox whose memory key starts with `list`). */
export function focusList(list: string): void {
  document.querySelector<HTMLElement>(`[data-list^="${CSS.escape(list)}"]`)?.focus();
}

/** Focuses an element by id if it is on screen; says whether it was. */
export function focusById(id: string): boolean {
  const element = document.getElementById(id);
  element?.focus();
  return element !== null;
}

/**
 * Escape in a detail pane closes the record and returns to the list. A form or a picker inside
 * the pane handles Escape itself first (and prevents the default), so one press undoes one step.
 */
export function closeOnEscape(close: () => void, list: string) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
    e.preventDefault();
    close();
    focusList(list);
  };
}

/**
 * Enter on a list row: the record opens in the detail pane with the focus on its heading (the
 * element `headingId`), or, when it is already open there, the focus just moves to it.
 */
export function openRecord(current: Selection, id: string, headingId: string, select: (selection: Selection) => void): void {
  if (current.mode === 'show' && current.id === id && focusById(headingId)) return;
  select({ mode: 'show', id, focus: true });
}
