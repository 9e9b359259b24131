// The formatting toolbar: one tab stop, arrow keys move along it (the WAI-ARIA toolbar pattern),
// every button named, toggles with aria-pressed. Buttons keep the editor's selection: a mouse
// press does not take the focus from the text.

import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { isSafeUrl } from '../../../../shared/note-nodes/safe-url';
import { BulletListIcon, CiteIcon, FindIcon, LinkIcon, NumberListIcon, QuoteIcon, RedoIcon, ResearchIcon, UncitedIcon, UndoIcon } from './icons';

type Block = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';
const FORMATS = ['bold', 'italic', 'underline', 'strikethrough'] as const;
type Format = (typeof FORMATS)[number];

interface ToolbarState {
  formats: Record<Format, boolean>;
  block: Block;
  link: boolean;
  hasSelection: boolean;
}

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

function readState(): ToolbarState | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const top = anchor.getKey() === 'root' ? null : anchor.getTopLevelElement();
  let block: Block = 'paragraph';
  if ($isListNode(top)) block = ($getNearestNodeOfType(anchor, ListNode) ?? top).getListType() === 'number' ? 'number' : 'bullet';
  else if ($isHeadingNode(top)) block = top.getTag() === 'h1' ? 'h1' : top.getTag() === 'h2' ? 'h2' : 'h3';
  else if ($isQuoteNode(top)) block = 'quote';
  const parent = anchor.getParent();
  return {
    formats: Object.fromEntries(FORMATS.map((f) => [f, selection.hasFormat(f)])) as Record<Format, boolean>,
    block,
    link: $isLinkNode(parent) || $isLinkNode(anchor),
    hasSelection: !selection.isCollapsed(),
  };
}

export interface ToolbarProps {
  onCite: () => void;
  findOpen: boolean;
  onFind: () => void;
  uncited: boolean;
  uncitedCount: number | null;
  onUncited: () => void;
  researchOpen: boolean;
  onResearch: () => void;
}

export function Toolbar({ onCite, findOpen, onFind, uncited, uncitedCount, onUncited, researchOpen, onResearch }: ToolbarProps) {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>({
    formats: { bold: false, italic: false, underline: false, strikethrough: false },
    block: 'paragraph',
    link: false,
    hasSelection: false,
  });
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [linking, setLinking] = useState(false);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read(readState);
          if (next) setState(next);
        }),
        editor.registerCommand(CAN_UNDO_COMMAND, (can) => (setCanUndo(can), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (can) => (setCanRedo(can), false), COMMAND_PRIORITY_LOW),
      ),
    [editor],
  );

  const setBlock = (block: Block) => {
    if (block === 'bullet' || block === 'number') {
      editor.dispatchCommand(state.block === block ? REMOVE_LIST_COMMAND : block === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
      return;
    }
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const target = state.block === block ? 'paragraph' : block;
      $setBlocksType(selection, () =>
        target === 'paragraph' ? $createParagraphNode() : target === 'quote' ? $createQuoteNode() : $createHeadingNode(target),
      );
    });
  };

  const format = (f: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f);

  return (
    <div className="ed-toolbar-wrap">
      <RovingToolbar label="Formatting">
        <Tool label="Undo" shortcut={`${MOD}Z`} disabled={!canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
          <UndoIcon />
        </Tool>
        <Tool label="Redo" shortcut={`${MOD}Shift+Z`} disabled={!canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
          <RedoIcon />
        </Tool>
        <Separator />
        <Tool label="Bold" shortcut={`${MOD}B`} pressed={state.formats.bold} onClick={() => format('bold')}>
          <b>B</b>
        </Tool>
        <Tool label="Italic" shortcut={`${MOD}I`} pressed={state.formats.italic} onClick={() => format('italic')}>
          <i className="serif">I</i>
        </Tool>
        <Tool label="Underline" shortcut={`${MOD}U`} pressed={state.formats.underline} onClick={() => format('underline')}>
          <u>U</u>
        </Tool>
        <Tool label="Strikethrough" shortcut={`${MOD}Shift+X`} pressed={state.formats.strikethrough} onClick={() => format('strikethrough')}>
          <s>S</s>
        </Tool>
        <Separator />
        <Tool label="Heading" shortcut="## " pressed={state.block === 'h2' || state.block === 'h1'} onClick={() => setBlock('h2')}>
          <span className="tool-text">H2</span>
        </Tool>
        <Tool label="Subheading" shortcut="### " pressed={state.block === 'h3'} onClick={() => setBlock('h3')}>
          <span className="tool-text">H3</span>
        </Tool>
        <Tool label="Block quote" shortcut="> " pressed={state.block === 'quote'} onClick={() => setBlock('quote')}>
          <QuoteIcon />
        </Tool>
        <Tool label="Bulleted list" shortcut="- " pressed={state.block === 'bullet'} onClick={() => setBlock('bullet')}>
          <BulletListIcon />
        </Tool>
        <Tool label="Numbered list" shortcut="1. " pressed={state.block === 'number'} onClick={() => setBlock('number')}>
          <NumberListIcon />
        </Tool>
        <Tool
          label={state.link ? 'Remove link' : 'Link'}
          pressed={state.link}
          onClick={() => (state.link ? editor.dispatchCommand(TOGGLE_LINK_COMMAND, null) : setLinking((v) => !v))}
        >
          <LinkIcon />
        </Tool>
        <Separator />
        <Tool label="Cite selection" shortcut={`${MOD}Shift+C`} disabled={!state.hasSelection} onClick={onCite} wide>
          <CiteIcon />
          <span>Cite</span>
        </Tool>
        <span className="ed-toolbar-spacer" />
        <Tool label="Find in note" shortcut={`${MOD}F`} pressed={findOpen} onClick={onFind}>
          <FindIcon />
        </Tool>
        <Tool label="Show uncited sentences" pressed={uncited} onClick={onUncited} wide>
          <UncitedIcon />
          <span>Uncited{uncited && uncitedCount !== null ? ` · ${uncitedCount}` : ''}</span>
        </Tool>
        <Tool label="Research panel" pressed={researchOpen} onClick={onResearch} wide>
          <ResearchIcon />
          <span>Research</span>
        </Tool>
      </RovingToolbar>
      {linking && (
        <LinkForm
          onDone={(url) => {
            setLinking(false);
            if (url) editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
            editor.focus();
          }}
        />
      )}
    </div>
  );
}

function RovingToolbar({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const buttons = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
  // One tab stop: the first enabled button, or the one last used.
  useEffect(() => {
    const all = buttons();
    if (!all.some((b) => b.tabIndex === 0)) all[0]?.setAttribute('tabindex', '0');
  });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const target = all[(next + all.length) % all.length]!;
    for (const b of all) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  };
  return (
    <div ref={ref} className="ed-toolbar" role="toolbar" aria-label={label} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}

interface ToolProps {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  wide?: boolean;
  onClick: () => void;
  children: ReactNode;
}

function Tool({ label, shortcut, pressed, disabled, wide, onClick, children }: ToolProps) {
  return (
    <button
      type="button"
      className={`ed-tool${wide ? ' wide' : ''}`}
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      tabIndex={-1}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

const Separator = () => <span className="ed-toolbar-sep" aria-hidden="true" />;

/** Where a link goes: typed without a scheme it is taken as https; only web, mail and phone links. */
export function normaliseUrl(typed: string): string | null {
  const url = typed.trim();
  if (!url) return null;
  const full = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
  return isSafeUrl(full) ? full : null;
}

function LinkForm({ onDone }: { onDone: (url: string | null) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="ed-linkform"
      aria-label="Add a link"
      onSubmit={(e) => {
        e.preventDefault();
        const url = normaliseUrl(value);
        if (url) onDone(url);
        else setError('A link must be a web address (https://…), an email (mailto:…) or a phone number (tel:…).');
      }}
    >
      <label>
        <span>Link to</span>
        <input
          autoFocus
          type="text"
          inputMode="url"
          value={value}
          placeholder="https://"
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError('');
          }}
          onKeyDown={(e) => e.key === 'Escape' && onDone(null)}
        />
      </label>
      <button type="submit" className="button small primary">
        Add link
      </button>
      <button type="button" className="button small" onClick={() => onDone(null)}>
        Cancel
      </button>
      {error && (
        <p className="ed-form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
