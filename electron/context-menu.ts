// The right-click menu, as a plain template from what Electron says was clicked. Spelling comes
// from the local dictionaries only: macOS's own checker there, elsewhere the Hunspell
// dictionaries already in the profile (security.ts points their download at nowhere).

import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export type ClickedAt = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'>;

export interface SpellingActions {
  replaceMisspelling: (word: string) => void;
  addToDictionary: (word: string) => void;
}

/** How many suggestions the menu offers for a misspelt word. */
const MAX_SUGGESTIONS = 5;

/** The items for a right click; empty where there is nothing to offer (no menu then). */
export function contextMenuTemplate(at: ClickedAt, spelling: SpellingActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (at.isEditable && at.misspelledWord) {
    const word = at.misspelledWord;
    const suggestions = at.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length) items.push(...suggestions.map((s) => ({ label: s, click: () => spelling.replaceMisspelling(s) })));
    else items.push({ label: 'No spelling suggestions', enabled: false });
    items.push({ label: 'Add to Dictionary', click: () => spelling.addToDictionary(word) }, { type: 'separator' });
  }
  if (at.isEditable) {
    items.push(
      { role: 'cut', enabled: at.editFlags.canCut },
      { role: 'copy', enabled: at.editFlags.canCopy },
      { role: 'paste', enabled: at.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: at.editFlags.canSelectAll },
    );
  } else if (at.selectionText.trim()) {
    items.push({ role: 'copy', enabled: at.editFlags.canCopy });
  }
  return items;
}
