// "@" suggests sources; "#" or "[[" suggests claims, documents and excerpts. Choosing one puts
// our own node in place of what was typed.

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import type { TextNode } from 'lexical';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { $insertCitation } from '../cite/insert';
import { latestOnly, suggestCitations, suggestSources, type Suggestion } from '../cite/suggest';
import { optionId, SuggestionList } from '../ui/SuggestionList';

type Trigger = '@' | '#';

class SuggestionOption extends MenuOption {
  constructor(readonly item: Suggestion) {
    super(`${item.type}:${item.id}`);
  }
}

/**
 * "@" or "#" or "[[" at the start of a word, then up to 60 characters of a name or of words,
 * single spaces allowed between them (names have spaces, "Anabel Hernández").
 */
const TRIGGER = /(?:^|[\s(“"'])(@|#|\[\[)((?:[^\s@#[\]]|[ ](?=[^\s@#[\]])){0,60})$/u;

export function matchTrigger(text: string): (MenuTextMatch & { trigger: Trigger }) | null {
  const m = TRIGGER.exec(text);
  if (!m) return null;
  const [, mark, query] = m as unknown as [string, string, string];
  return {
    trigger: mark === '@' ? '@' : '#',
    leadOffset: text.length - mark.length - query.length,
    matchingString: query,
    replaceableString: mark + query,
  };
}

/**
 * While the menu is open the text box says so to a screen reader: which list it drives and which
 * option is current (the focus stays in the text, as in any combobox).
 */
function MenuAria({ root, listId, active }: { root: HTMLElement | null; listId: string; active: number | null }) {
  useEffect(() => {
    if (!root) return;
    root.setAttribute('aria-controls', listId);
    root.setAttribute('aria-autocomplete', 'list');
    if (active !== null) root.setAttribute('aria-activedescendant', optionId(listId, active));
    return () => {
      for (const name of ['aria-controls', 'aria-autocomplete', 'aria-activedescendant']) root.removeAttribute(name);
    };
  }, [root, listId, active]);
  return null;
}

export function MentionsPlugin({ caseId }: { caseId: string }) {
  const [editor] = useLexicalComposerContext();
  const listId = useId();
  // The trigger and what follows it ("@ana", "#prec"): either changing asks again.
  const [query, setQuery] = useState<string | null>(null);
  const [items, setItems] = useState<Suggestion[]>([]);
  const trigger = useRef<Trigger>('@');
  const ask = useMemo(
    () => latestOnly((kind: Trigger, q: string) => (kind === '@' ? suggestSources(q, caseId) : suggestCitations(q, caseId))),
    [caseId],
  );

  useEffect(() => {
    if (query === null) return;
    let live = true;
    ask(query[0] as Trigger, query.slice(1)).then(
      (found) => live && found && setItems(found),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [ask, query]);

  const triggerFn = useCallback((text: string) => {
    const match = matchTrigger(text);
    if (match) trigger.current = match.trigger;
    return match;
  }, []);

  const options = useMemo(() => items.map((item) => new SuggestionOption(item)), [items]);

  const onSelectOption = useCallback(
    (option: SuggestionOption, textNode: TextNode | null, closeMenu: () => void) => {
      editor.update(() => {
        $insertCitation(option.item, textNode);
        closeMenu();
      });
    },
    [editor],
  );

  return (
    <LexicalTypeaheadMenuPlugin<SuggestionOption>
      onQueryChange={(q) => setQuery(q === null ? null : trigger.current + q)}
      onSelectOption={onSelectOption}
      onClose={() => setItems([])}
      triggerFn={triggerFn}
      options={options}
      anchorClassName="ed-typeahead-anchor"
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
        anchor.current && options.length > 0
          ? createPortal(
              <div className="ed-popover ed-typeahead" data-trigger={trigger.current}>
                <MenuAria root={editor.getRootElement()} listId={listId} active={selectedIndex} />
                <p className="ed-popover-hint" aria-hidden="true">
                  {trigger.current === '@' ? 'Mention a source' : 'Cite a claim, document or excerpt'}
                </p>
                <SuggestionList
                  id={listId}
                  label={trigger.current === '@' ? 'Sources' : 'Claims, documents and excerpts'}
                  items={items}
                  active={selectedIndex}
                  onChoose={(item) => {
                    const option = options.find((o) => o.item === item);
                    if (option) selectOptionAndCleanUp(option);
                  }}
                  onHover={setHighlightedIndex}
                  itemRef={(i, el) => options[i]?.setRefElement(el)}
                  showKind={trigger.current !== '@'}
                />
              </div>,
              anchor.current,
            )
          : null
      }
    />
  );
}
