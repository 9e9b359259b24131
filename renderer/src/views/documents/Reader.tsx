// The document's text to read and mark: a readable column, a divider at each PDF page, the
// passages marked in it drawn from their stored offsets, and, once words are selected (with the
// mouse, or Shift and the arrows), the things that can be made of them.

import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DocumentRecord, Excerpt } from '../../../../db/types';
import type { TextSpan } from '../../navigation';
import { layoutText, trimSpan, type Block, type Mark } from './layout';
import { offsetOf, pointAt, rangeOffsets } from './offsets';

export type PassageAction = 'claim' | 'evidence' | 'comment';

export const excerptDomId = (id: string) => `excerpt-${id}`;
export const MATCH_DOM_ID = 'reader-match';

/** Brings a marked passage (or the search match) into view, flashes it and puts the focus on it. */
export function showMark(domId: string): void {
  const first = document.getElementById(domId);
  if (!first) return;
  // Blocks of text off screen are not laid out (content-visibility), but the one holding the
  // focus is (documents.css): focused first, the mark has its true place when scrolled to.
  first.focus({ preventScroll: true });
  first.scrollIntoView({ block: 'center' });
  const key = first.dataset.mark;
  const all = key ? document.querySelectorAll<HTMLElement>(`[data-marks~="${CSS.escape(key)}"]`) : [first];
  for (const run of all) {
    run.classList.remove('flash');
    // Restart the animation even when the same passage is shown twice.
    void run.offsetWidth;
    run.classList.add('flash');
  }
}

const ACTIONS: { action: PassageAction; label: string; key: string }[] = [
  { action: 'claim', label: 'New claim from selection', key: 'N' },
  { action: 'evidence', label: 'Add as evidence to claim…', key: 'E' },
  { action: 'comment', label: 'Comment', key: 'C' },
];

const MAX_PASSAGE = 20_000;

interface Picked extends TextSpan {
  /** Where the popover goes, relative to the reader's frame. */
  top: number;
  left: number;
}

interface ReaderProps {
  doc: DocumentRecord;
  excerpts: Excerpt[];
  /** Where a search matched, marked and shown when the document opens. */
  match: TextSpan | null;
  /** What to do with a selected passage; none for a document that cannot be marked (in the trash). */
  onAction?: (action: PassageAction, span: TextSpan) => void;
}

export function Reader({ doc, excerpts, match, onAction }: ReaderProps) {
  const frame = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const [picked, setPicked] = useState<Picked | null>(null);
  const canAct = onAction !== undefined;
  const [caret, setCaret] = useState<{ top: number; left: number; height: number } | null>(null);
  // While the mouse is still dragging out a selection, the popover waits for the button's release.
  const dragging = useRef(false);

  const marks = useMemo<Mark[]>(() => {
    const out: Mark[] = excerpts.filter((x) => !x.orphanedAt && !x.deletedAt).map((x) => ({ id: x.id, start: x.start, end: x.end, kind: 'excerpt' }));
    if (match) out.push({ id: 'match', start: match.start, end: match.end, kind: 'match' });
    return out;
  }, [excerpts, match]);
  const comments = useMemo(() => new Map(excerpts.filter((x) => x.comment).map((x) => [x.id, x.comment])), [excerpts]);
  const blocks = useMemo(() => layoutText(doc.text, doc.pages, marks), [doc.text, doc.pages, marks]);

  // The selection as text offsets, to put it back when the runs are drawn again under it: a
  // passage marked meanwhile (saved here, or arriving from the desk) must not tear what the
  // reporter is selecting. Only for the same text: a new version moves the words.
  const held = useRef<{ text: string; anchor: number; focus: number } | null>(null);
  useEffect(() => {
    const note = () => {
      const el = root.current;
      const s = window.getSelection();
      if (!el || !s || s.isCollapsed || !s.anchorNode || !s.focusNode || !el.contains(s.anchorNode) || !el.contains(s.focusNode)) {
        held.current = null;
        return;
      }
      const anchor = offsetOf(el, s.anchorNode, s.anchorOffset);
      const focus = offsetOf(el, s.focusNode, s.focusOffset);
      held.current = anchor === null || focus === null || anchor === focus ? null : { text: doc.text, anchor, focus };
    };
    document.addEventListener('selectionchange', note);
    return () => document.removeEventListener('selectionchange', note);
  }, [doc.text]);
  // Runs before the browser reports the torn selection, so what it then reports is the kept one.
  useLayoutEffect(() => {
    const keep = held.current;
    const el = root.current;
    const selection = window.getSelection();
    if (!keep || !el || !selection) return;
    const anchor = keep.text === doc.text ? pointAt(el, keep.anchor) : null;
    const focus = keep.text === doc.text ? pointAt(el, keep.focus) : null;
    if (anchor && focus) selection.setBaseAndExtent(anchor[0], anchor[1], focus[0], focus[1]);
    else held.current = null;
  }, [blocks, doc.text]);

  /** Reads the page's selection: the passage it covers and where to show what can be done with it. */
  const readSelection = useCallback(() => {
    const selection = window.getSelection();
    const el = root.current;
    const box = frame.current;
    if (!el || !box || !selection || selection.rangeCount === 0 || dragging.current || !canAct) return;
    const range = selection.getRangeAt(0);
    const inside = el.contains(range.commonAncestorContainer) || range.intersectsNode(el);
    // Focus in the popover (or a dialog opened from it) keeps the passage it was opened for.
    if (popover.current?.contains(document.activeElement)) return;
    const span = !range.collapsed && inside ? rangeOffsets(el, range) : null;
    const trimmed = span && trimSpan(doc.text, span.start, span.end);
    if (!trimmed) {
      setPicked(null);
      if (range.collapsed && el.contains(range.startContainer) && document.activeElement === el) {
        const r = range.getBoundingClientRect();
        const f = box.getBoundingClientRect();
        setCaret(r.height ? { top: r.top - f.top, left: r.left - f.left, height: r.height } : null);
      } else setCaret(null);
      return;
    }
    setCaret(null);
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const f = box.getBoundingClientRect();
    setPicked({ ...trimmed, top: last.bottom - f.top + 6, left: Math.max(0, last.left - f.left) });
  }, [doc.text, canAct]);

  // Kept inside the reader's column: moved left when it would run past the edge.
  useLayoutEffect(() => {
    const el = popover.current;
    const box = frame.current;
    if (!el || !box || !picked) return;
    const over = picked.left + el.offsetWidth - box.clientWidth;
    el.style.left = `${Math.max(0, picked.left - Math.max(0, over))}px`;
  }, [picked]);

  useEffect(() => {
    const release = () => {
      if (!dragging.current) return;
      dragging.current = false;
      readSelection();
    };
    document.addEventListener('selectionchange', readSelection);
    document.addEventListener('mouseup', release);
    return () => {
      document.removeEventListener('selectionchange', readSelection);
      document.removeEventListener('mouseup', release);
    };
  }, [readSelection]);

  /** The passage selected now: read again from the page (a key may have moved it since the last selectionchange). */
  const selectedSpan = (): TextSpan | null => {
    const selection = window.getSelection();
    const el = root.current;
    if (el && selection?.rangeCount) {
      const span = rangeOffsets(el, selection.getRangeAt(0));
      const trimmed = span && trimSpan(doc.text, span.start, span.end);
      if (trimmed) return trimmed;
    }
    return picked && { start: picked.start, end: picked.end };
  };

  const act = (action: PassageAction) => {
    const span = selectedSpan();
    if (!span || !onAction || span.end - span.start > MAX_PASSAGE) return;
    window.getSelection()?.removeAllRanges();
    setPicked(null);
    // The dialog gives the focus back to what had it: the text, not the popover about to go.
    root.current?.focus({ preventScroll: true });
    onAction(action, span);
  };

  const dismiss = () => {
    window.getSelection()?.removeAllRanges();
    setPicked(null);
    root.current?.focus({ preventScroll: true });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === 'Escape' && picked) {
      e.preventDefault();
      dismiss();
      return;
    }
    if (picked && !mod && !e.altKey && e.key === 'Enter') {
      e.preventDefault();
      popover.current?.querySelector('button')?.focus();
      return;
    }
    const shortcut = picked && !mod && !e.altKey && ACTIONS.find((a) => a.key.toLowerCase() === e.key.toLowerCase());
    if (shortcut) {
      e.preventDefault();
      act(shortcut.action);
      return;
    }
    if (moveCaret(e, root.current)) e.preventDefault();
  };

  const long = picked !== null && picked.end - picked.start > MAX_PASSAGE;
  return (
    <div className="reader-frame" ref={frame}>
      <p className="field-hint reader-hint" id={hintId}>
        Select words to make a claim of them, link them as evidence or comment on them. From the keyboard: Shift and the arrows select, then
        Enter.
      </p>
      <div
        ref={root}
        className="document-text reader"
        role="document"
        aria-label={`Text of “${doc.title}”`}
        aria-describedby={hintId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onMouseDown={(e) => {
          if (e.button === 0) dragging.current = true;
        }}
        // Focus from the keyboard (not a click, which places its own caret) starts a caret in view.
        onFocus={(e) => e.currentTarget.matches(':focus-visible') && placeCaret(root.current)}
        onBlur={() => setCaret(null)}
      >
        <Blocks blocks={blocks} text={doc.text} comments={comments} />
      </div>
      {caret && <span className="reader-caret" aria-hidden="true" style={caret} />}
      {picked && (
        <div
          ref={popover}
          className="selection-popover"
          role="group"
          aria-label="Selected passage"
          style={{ top: picked.top, left: picked.left }}
          // A press on the popover must not end the selection it acts on.
          onMouseDown={(e) => e.preventDefault()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              dismiss();
            }
          }}
        >
          {long ? (
            <p className="popover-note">A passage is at most {MAX_PASSAGE.toLocaleString()} characters: select less.</p>
          ) : (
            ACTIONS.map((a) => (
              <button key={a.action} type="button" className="button small" onClick={() => act(a.action)} aria-keyshortcuts={a.key}>
                {a.label} <kbd aria-hidden="true">{a.key}</kbd>
              </button>
            ))
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The text itself: one element per run, carrying `data-at` (offsets.ts reads selections back
 * through it). Drawn again only when the text or its marks change, not when a selection does.
 */
const Blocks = memo(function Blocks({ blocks, text, comments }: { blocks: Block[]; text: string; comments: Map<string, string> }) {
  const seen = new Set<string>();
  const run = (start: number, end: number, marks: Mark[]): ReactNode => {
    const body = text.slice(start, end);
    if (marks.length === 0) {
      return (
        <span key={start} data-at={start}>
          {body}
        </span>
      );
    }
    // The first run of each mark carries its id (to scroll to it); every run names all its marks.
    const first = marks.find((m) => !seen.has(m.id));
    for (const m of marks) seen.add(m.id);
    const isMatch = marks.some((m) => m.kind === 'match');
    const excerptsHere = marks.filter((m) => m.kind === 'excerpt');
    const note = excerptsHere.map((m) => comments.get(m.id)).find(Boolean);
    const className = ['passage', excerptsHere.length > 1 && 'passage-overlap', note && 'passage-comment', isMatch && 'search-match'].filter(Boolean).join(' ');
    return (
      <mark
        key={start}
        data-at={start}
        data-marks={marks.map((m) => m.id).join(' ')}
        className={className}
        title={note || undefined}
        {...(first ? { id: first.kind === 'match' ? MATCH_DOM_ID : excerptDomId(first.id), 'data-mark': first.id, tabIndex: -1 } : {})}
      >
        {body}
      </mark>
    );
  };
  return (
    <>
      {blocks.map((block) => (
        <div key={block.start} className={block.page === null ? 'reader-block' : 'reader-block reader-page'}>
          {block.page !== null && (
            <div className="page-break" role="separator" aria-label={`Page ${block.page}`}>
              <span aria-hidden="true">Page {block.page}</span>
            </div>
          )}
          <div className="reader-body">{block.runs.map((r) => run(r.start, r.end, r.marks))}</div>
        </div>
      ))}
    </>
  );
});

/** On focus from the keyboard, a caret at the start of the first line in view, for Shift+arrows to select from. */
function placeCaret(el: HTMLElement | null): void {
  const selection = window.getSelection();
  if (!el || !selection) return;
  if (selection.rangeCount > 0 && el.contains(selection.getRangeAt(0).startContainer)) return;
  const top = Math.max(0, el.getBoundingClientRect().top);
  const runs = el.querySelectorAll<HTMLElement>('[data-at]');
  const visible = [...runs].find((r) => r.getBoundingClientRect().bottom > top) ?? runs[0];
  const textNode = visible?.firstChild;
  if (!textNode) return;
  let offset = 0;
  // Within a long run, the first character on screen.
  if (visible.getBoundingClientRect().top < top && textNode.nodeType === Node.TEXT_NODE) {
    const length = (textNode as Text).length;
    const range = document.createRange();
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      range.setStart(textNode, mid);
      range.setEnd(textNode, Math.min(mid + 1, length));
      if (range.getBoundingClientRect().bottom > top) hi = mid;
      else lo = mid + 1;
    }
    offset = lo;
  }
  selection.collapse(textNode, offset);
}

/** Scrolls the pane holding the reader so that the moving end of the selection stays on screen. */
function keepInView(selection: Selection, el: HTMLElement): void {
  if (!selection.focusNode) return;
  const probe = document.createRange();
  probe.setStart(selection.focusNode, selection.focusOffset);
  const r = probe.getBoundingClientRect();
  if (!r.height) return;
  let pane: HTMLElement | null = el.parentElement;
  while (pane && !(pane.scrollHeight > pane.clientHeight && /auto|scroll/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;
  const view = pane?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight };
  const margin = 24;
  const by = r.top < view.top + margin ? r.top - view.top - margin : r.bottom > view.bottom - margin ? r.bottom - view.bottom + margin : 0;
  if (by) (pane ?? document.scrollingElement)?.scrollBy(0, by);
}

const KEYS: Record<string, ['forward' | 'backward', 'character' | 'line' | 'lineboundary' | 'paragraph']> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
  End: ['forward', 'lineboundary'],
  Home: ['backward', 'lineboundary'],
};

/**
 * Caret browsing inside the reader: the arrows move a caret through the text, and with Shift
 * extend the selection (with Ctrl or Alt, by words; Home and End, to the line's ends).
 */
function moveCaret(e: KeyboardEvent<HTMLElement>, el: HTMLElement | null): boolean {
  const how = KEYS[e.key];
  const selection = window.getSelection();
  if (!how || !el || !selection || e.metaKey) return false;
  if (selection.rangeCount === 0 || !el.contains(selection.focusNode)) placeCaret(el);
  const [direction, unit] = how;
  const granularity = (e.ctrlKey || e.altKey) && unit === 'character' ? 'word' : (e.ctrlKey || e.altKey) && unit === 'line' ? 'paragraph' : unit;
  selection.modify(e.shiftKey ? 'extend' : 'move', direction, granularity);
  keepInView(selection, el);
  return true;
}
