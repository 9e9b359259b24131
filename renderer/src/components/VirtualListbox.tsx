import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { memorize, recall, useRemembered } from '../memory';

interface VirtualListboxProps {
  /** The list's accessible name, e.g. "Claims". */
  label: string;
  /** How many records the list holds in all (not only those loaded). */
  count: number;
  /** Every row has this height in pixels: the scroll position then means the same rows on return. */
  rowHeight: number;
  /** The record id at a position, or undefined while its page is loading. */
  idAt: (index: number) => string | undefined;
  /** Where a record is in the list, or -1 if not (or not loaded). */
  indexOf: (id: string) => number;
  /** The inside of a row: its title, meta line and badge. */
  renderRow: (index: number) => ReactNode;
  selectedId: string | null;
  /** The arrows and a click select a record (its detail shows beside the list). */
  onSelect: (id: string) => void;
  /** Enter opens the selected record: the focus moves into its detail. */
  onOpen: (id: string) => void;
  /** The rows on screen changed: load what they need. */
  onRangeChange?: (first: number, last: number) => void;
  /** Scroll position and cursor are remembered under this key while the view is away. */
  memoryKey: string;
  /** Titles of one line (short rows), instead of two. */
  singleLine?: boolean;
}

/**
 * A list of any length (100,000 claims) as an ARIA listbox: only the rows on screen are in the
 * page, the focus stays on the list and `aria-activedescendant` names the current row, so
 * rows can come and go while the arrows, Home/End and Page Up/Down keep working.
 */
export function VirtualListbox({
  label,
  count,
  rowHeight,
  idAt,
  indexOf,
  renderRow,
  selectedId,
  onSelect,
  onOpen,
  onRangeChange,
  memoryKey,
  singleLine,
}: VirtualListboxProps) {
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useRemembered(`${memoryKey}:cursor`, -1);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialOffset: () => recall(`${memoryKey}:scroll`, 0),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= 0) onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  // A selection made elsewhere (a link, the quick switcher, a save) moves the cursor to it and
  // brings it into view; coming back to the view keeps the scroll where the reporter left it.
  const seen = useRef(selectedId);
  useEffect(() => {
    if (seen.current === selectedId || !selectedId) return;
    const at = indexOf(selectedId);
    if (at < 0) return;
    seen.current = selectedId;
    if (at !== cursor) setCursor(at);
    virtualizer.scrollToIndex(at, { align: 'auto' });
  });

  // A row reached by the arrows before its page had loaded is selected once it has.
  const pending = useRef<number | null>(null);
  useEffect(() => {
    if (pending.current === null) return;
    const id = idAt(pending.current);
    if (id) {
      pending.current = null;
      seen.current = id;
      onSelect(id);
    }
  });

  const move = (to: number) => {
    if (count === 0) return;
    const at = Math.min(count - 1, Math.max(0, to));
    setCursor(at);
    virtualizer.scrollToIndex(at, { align: 'auto' });
    const id = idAt(at);
    if (id) {
      seen.current = id;
      onSelect(id);
    } else pending.current = at;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const from = cursor >= 0 && cursor < count ? cursor : selectedId ? indexOf(selectedId) : -1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(from + 1),
      ArrowUp: () => move(from < 0 ? 0 : from - 1),
      Home: () => move(0),
      End: () => move(count - 1),
      PageDown: () => move(from + page),
      PageUp: () => move(from - page),
      Enter: () => {
        const id = from >= 0 ? idAt(from) : undefined;
        if (id) onOpen(id);
      },
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  const active = cursor >= first && cursor <= last && cursor < count ? `${baseId}-${cursor}` : undefined;
  return (
    <div
      ref={scrollRef}
      className={`listbox${singleLine ? ' listbox-single' : ''}`}
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={active}
      onKeyDown={onKeyDown}
      onScroll={(e) => memorize(`${memoryKey}:scroll`, e.currentTarget.scrollTop)}
      data-list={memoryKey}
    >
      <div className="listbox-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const id = idAt(item.index);
          return (
            <div
              key={id ?? `loading-${item.index}`}
              id={`${baseId}-${item.index}`}
              role="option"
              aria-selected={id !== undefined && id === selectedId}
              aria-setsize={count}
              aria-posinset={item.index + 1}
              aria-busy={id === undefined || undefined}
              className={`row${item.index === cursor ? ' cursor' : ''}`}
              style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
              onClick={() => {
                setCursor(item.index);
                if (id) {
                  seen.current = id;
                  onSelect(id);
                }
              }}
            >
              {renderRow(item.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A fixed-height row's parts: a title (two lines at most), a meta line and a badge. */
export function RowContent({ title, meta, badge }: { title: ReactNode; meta: ReactNode; badge?: ReactNode }) {
  return (
    <>
      <span className="row-title">{title}</span>
      <span className="row-foot">
        <span className="row-meta">{meta}</span>
        {badge}
      </span>
    </>
  );
}

/** A row whose page has not arrived yet. */
export function RowLoading() {
  return (
    <>
      <span className="row-title row-placeholder">Loading…</span>
      <span className="row-foot" />
    </>
  );
}
