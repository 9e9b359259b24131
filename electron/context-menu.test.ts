import { describe, expect, it } from 'vitest';
import { contextMenuTemplate, type ClickedAt } from './context-menu.js';

type MenuItemConstructorOptions = ReturnType<typeof contextMenuTemplate>[number];

const flags = { canUndo: false, canRedo: false, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: true };
const at = (more: Partial<ClickedAt>): ClickedAt => ({ isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: flags, ...more });

function menu(clicked: ClickedAt) {
  const replaced: string[] = [];
  const added: string[] = [];
  const items = contextMenuTemplate(clicked, { replaceMisspelling: (w) => replaced.push(w), addToDictionary: (w) => added.push(w) });
  const labels = items.map((i: MenuItemConstructorOptions) => i.label ?? i.role ?? i.type);
  const click = (label: string) => (items.find((i) => i.label === label)?.click as (() => void) | undefined)?.();
  return { items, labels, click, replaced, added };
}

describe('contextMenuTemplate', () => {
  it('offers cut, copy, paste and select all in a field, as the field allows', () => {
    const m = menu(at({ isEditable: true, editFlags: { ...flags, canCut: false, canCopy: false } }));
    expect(m.labels).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
    expect(m.items.map((i) => i.enabled)).toEqual([false, false, true, undefined, true]);
  });

  it('offers copy for selected text outside a field, and nothing where there is nothing to do', () => {
    expect(menu(at({ selectionText: 'the permit' })).labels).toEqual(['copy']);
    expect(menu(at({ selectionText: '   ' })).items).toEqual([]);
    expect(menu(at({})).items).toEqual([]);
  });

  it('puts spelling suggestions first for a misspelt word, replacing it or adding it to the dictionary', () => {
    const m = menu(at({ isEditable: true, misspelledWord: 'fentenyl', dictionarySuggestions: ['fentanyl', 'fennel', 'a', 'b', 'c', 'd', 'e'] }));
    expect(m.labels).toEqual(['fentanyl', 'fennel', 'a', 'b', 'c', 'Add to Dictionary', 'separator', 'cut', 'copy', 'paste', 'separator', 'selectAll']);
    m.click('fentanyl');
    m.click('Add to Dictionary');
    expect(m.replaced).toEqual(['fentanyl']);
    expect(m.added).toEqual(['fentenyl']);
  });

  it('says so when the dictionary has no suggestion, and still offers to add the word', () => {
    const m = menu(at({ isEditable: true, misspelledWord: 'Manzanillo', dictionarySuggestions: [] }));
    expect(m.labels.slice(0, 2)).toEqual(['No spelling suggestions', 'Add to Dictionary']);
    expect(m.items[0]?.enabled).toBe(false);
    m.click('Add to Dictionary');
    expect(m.added).toEqual(['Manzanillo']);
  });

  it('offers no spelling outside a field', () => {
    expect(menu(at({ misspelledWord: 'fentenyl', dictionarySuggestions: ['fentanyl'], selectionText: 'fentenyl' })).labels).toEqual(['copy']);
  });
});
