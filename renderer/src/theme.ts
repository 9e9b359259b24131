// Light or dark: the system's, or the reporter's choice in Preferences. The choice is kept in the
// library (preferences.theme) and copied into localStorage, so the page starts in it — the lock
// screen of an encrypted library too, before anything can be read — without a white flash.
// app.css does the rest: every colour is light-dark(), picked by the root's color-scheme.

import { useEffect } from 'react';
import type { Output } from '../../core/api';
import { useQuery } from './data';

export type ThemeChoice = Output<'preferences.get'>['theme'];

const KEY = 'corroborate.theme';

/** The root's data-theme for a choice: none (the system decides) unless light or dark was chosen. */
export function themeAttribute(choice: unknown): 'light' | 'dark' | null {
  return choice === 'light' || choice === 'dark' ? choice : null;
}

export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  const attribute = themeAttribute(choice);
  if (attribute) root.dataset.theme = attribute;
  else delete root.dataset.theme;
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // Storage refused: the page starts in the system's theme until the library is read.
  }
}

/** At start: the last choice this window saw (anything unexpected in storage counts as none). */
export function applyRememberedTheme(root: HTMLElement = document.documentElement): void {
  let attribute: 'light' | 'dark' | null;
  try {
    attribute = themeAttribute(localStorage.getItem(KEY));
  } catch {
    attribute = null;
  }
  if (attribute) root.dataset.theme = attribute;
}

/** Follows the library's preference while the workspace is open. */
export function useLibraryTheme(): void {
  const prefs = useQuery('preferences.get', {});
  const theme = prefs.data?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
}
