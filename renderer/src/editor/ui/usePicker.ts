// Keyboard for a search box that drives a list: arrows move the active option, Enter chooses it,
// Escape gives up. The focus stays in the box (aria-activedescendant names the option).

import { useState, type KeyboardEvent } from 'react';
import { optionId } from './SuggestionList';

export function usePicker<T>(listId: string, items: readonly T[], onChoose: (item: T) => void, onEscape: () => void) {
  const [active, setActive] = useState(0);
  const current = items.length ? Math.min(active, items.length - 1) : null;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length) setActive(((current ?? 0) + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current !== null) onChoose(items[current]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onEscape();
    }
  };
  const comboboxProps = {
    role: 'combobox' as const,
    'aria-expanded': items.length > 0,
    'aria-controls': listId,
    'aria-autocomplete': 'list' as const,
    'aria-activedescendant': current !== null ? optionId(listId, current) : undefined,
    onKeyDown,
  };
  return { active: current, setActive, comboboxProps, reset: () => setActive(0) };
}
