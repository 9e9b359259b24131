// Highlights drawn over the text without touching it: every match of the find bar (the current
// one stronger) and the uncited sentences. CSS Custom Highlights leave the editor's DOM and its
// undo history alone, so nothing here can end up in the saved note.

import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useRef } from 'react';
import { readBlocks, rangeOf } from '../text/dom-text';
import { findAll } from '../text/find';
import { uncitedSentences } from '../text/uncited';

const RECOMPUTE_DELAY_MS = 150;

export const HIGHLIGHTS = { find: 'note-find', current: 'note-find-current', uncited: 'note-uncited' } as const;

function paint(name: string, ranges: Range[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  if (ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
  else CSS.highlights.delete(name);
}

function scrollIntoView(range: Range, root: HTMLElement): void {
  const scroller = root.closest('.ed-scroll') ?? root;
  const box = scroller.getBoundingClientRect();
  const at = range.getBoundingClientRect();
  if (at.top < box.top + 40 || at.bottom > box.bottom - 40) scroller.scrollTop += at.top - box.top - box.height / 3;
}

interface HighlightPluginProps {
  findQuery: string | null;
  /** Which match is current; moving it scrolls the match into view. */
  findIndex: number;
  uncited: boolean;
  onFindCount: (count: number) => void;
  onUncited: (ranges: Range[]) => void;
}

export function HighlightPlugin({ findQuery, findIndex, uncited, onFindCount, onUncited }: HighlightPluginProps) {
  const [editor] = useLexicalComposerContext();
  const props = useRef({ findQuery, findIndex, uncited, onFindCount, onUncited });
  props.current = { findQuery, findIndex, uncited, onFindCount, onUncited };

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recompute = (scroll: boolean) => {
      const root = editor.getRootElement();
      const p = props.current;
      if (!root) return;
      const blocks = p.findQuery || p.uncited ? readBlocks(root) : [];
      const matches = p.findQuery ? blocks.flatMap((b) => findAll(b.text, p.findQuery!).map((s) => rangeOf(b, s))).filter((r) => r !== null) : [];
      const current = matches.length ? matches[((p.findIndex % matches.length) + matches.length) % matches.length]! : null;
      paint(HIGHLIGHTS.find, matches.filter((r) => r !== current));
      paint(HIGHLIGHTS.current, current ? [current] : []);
      if (current && scroll) scrollIntoView(current, root);
      p.onFindCount(matches.length);
      const loose = p.uncited ? blocks.flatMap((b) => uncitedSentences(b.pieces).map((s) => rangeOf(b, s))).filter((r) => r !== null) : [];
      paint(HIGHLIGHTS.uncited, loose);
      p.onUncited(loose);
    };
    recompute(true);
    const stop = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (!props.current.findQuery && !props.current.uncited) return;
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => recompute(false), RECOMPUTE_DELAY_MS);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [editor, findQuery, findIndex, uncited]);

  useEffect(
    () => () => {
      for (const name of Object.values(HIGHLIGHTS)) paint(name, []);
    },
    [],
  );
  return null;
}
