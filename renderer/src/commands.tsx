// What the reporter can ask for from anywhere: create a record, find one, undo, see the
// shortcuts. Keys (shortcuts.ts), the Electron menu ('corroborate:command' events) and the
// buttons of the views all go through these commands, so each does one thing one way.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiCallError, messageOf } from './api';
import { Modal } from './components/Modal';
import { useDataVersion } from './data';
import { useNavigation, VIEWS } from './navigation';
import { runHistory } from './edit-history';
import { isTyping } from './shortcuts';
import { useToast } from './toast';
import { CaseForm } from './views/cases/CaseForm';
import { PreferencesDialog } from './views/app/PreferencesDialog';
import { ExportDialog } from './views/export/ExportDialog';
import { QuickSwitcher } from './views/app/QuickSwitcher';
import { ShortcutsDialog } from './views/app/ShortcutsDialog';

type AppDialog = 'new-case' | 'quick-switcher' | 'shortcuts' | 'preferences' | 'export';

interface Commands {
  newCase: () => void;
  newClaim: () => void;
  newSource: () => void;
  newDocument: () => void;
  quickSwitcher: () => void;
  shortcuts: () => void;
  preferences: () => void;
  /** Opens the Export packet dialog for the open case. */
  exportPacket: () => void;
  search: () => void;
  undo: () => Promise<void>;
  /** Says that something went to the trash, with an Undo button. */
  trashed: (what: string) => void;
}

const CommandsContext = createContext<Commands | null>(null);

/** The menu's commands (electron/main.ts sends these names). */
const MENU_COMMANDS = ['new-case', 'new-claim', 'new-source', 'import', 'export', 'preferences', 'shortcuts', 'undo', 'redo'] as const;

export function CommandsProvider({ children }: { children: ReactNode }) {
  const nav = useNavigation();
  const { changed } = useDataVersion();
  const { notify } = useToast();
  const [dialog, setDialog] = useState<AppDialog | null>(null);
  const close = useCallback(() => setDialog(null), []);

  const needCase = useCallback(
    (then: () => void) => {
      if (nav.caseId) then();
      else notify({ text: 'Start a case first: press C, or load the demo case.' });
    },
    [nav.caseId, notify],
  );

  const undo = useCallback(async () => {
    try {
      const { undone } = await api.invoke('undo.last', {});
      changed();
      notify({ text: undone });
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'NOTHING_TO_UNDO') notify({ text: 'There is nothing to undo.' });
      else notify({ text: messageOf(err), problem: true });
    }
  }, [changed, notify]);

  const commands = useMemo<Commands>(
    () => ({
      newCase: () => setDialog('new-case'),
      newClaim: () =>
        needCase(() => {
          nav.showView('claims');
          nav.selectClaim({ mode: 'new' });
        }),
      newSource: () => {
        nav.showView('sources');
        nav.selectSource({ mode: 'new' });
      },
      newDocument: () =>
        needCase(() => {
          nav.showView('documents');
          nav.selectDocument({ mode: 'new' });
        }),
      quickSwitcher: () => setDialog('quick-switcher'),
      shortcuts: () => setDialog('shortcuts'),
      preferences: () => setDialog('preferences'),
      exportPacket: () => needCase(() => setDialog('export')),
      search: () => {
        nav.showView('search');
        // The view may be mounting: its box takes the focus once it is there.
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('#search-box')?.focus());
      },
      undo,
      trashed: (what) => notify({ text: `Moved ${what} to the trash.`, action: { label: 'Undo', run: () => void undo() } }),
    }),
    [nav, needCase, undo, notify],
  );

  // The latest commands for listeners installed once.
  const latest = useRef({ commands, nav });
  latest.current = { commands, nav };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { commands: c, nav: n } = latest.current;
      // A key the focused control used for itself (the notes editor's own shortcuts) is not ours.
      if (e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (mod && !e.altKey && key === 'k') {
        e.preventDefault();
        c.quickSwitcher();
        return;
      }
      // A modal dialog has the keyboard to itself (Escape closes it).
      if (document.querySelector('dialog[open]')) return;
      if (mod && !e.altKey && !e.shiftKey && key === 'z') {
        if (isTyping(e.target)) return;
        e.preventDefault();
        void c.undo();
        return;
      }
      if (mod && key === ',') {
        e.preventDefault();
        c.preferences();
        return;
      }
      // The File menu's Export packet… chord, for the browser door too (Chromium leaves it to the page).
      if (mod && e.shiftKey && !e.altKey && key === 'e') {
        e.preventDefault();
        c.exportPacket();
        return;
      }
      if (mod || e.altKey || isTyping(e.target)) return;
      const view = /^[1-8]$/.test(key) ? VIEWS[Number(key) - 1] : undefined;
      const actions: Record<string, (() => void) | undefined> = {
        n: c.newClaim,
        s: c.newSource,
        d: c.newDocument,
        c: c.newCase,
        '?': c.shortcuts,
        '/': c.search,
        e: () => {
          if (n.view === 'claims' && n.claim.mode === 'show') n.selectClaim({ mode: 'edit', id: n.claim.id });
          if (n.view === 'sources' && n.source.mode === 'show') n.selectSource({ mode: 'edit', id: n.source.id });
        },
      };
      const run = view ? () => n.showView(view) : actions[key];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    const onMenu = (e: Event) => {
      const name = (e as CustomEvent<unknown>).detail;
      const { commands: c } = latest.current;
      if (name === MENU_COMMANDS[0]) c.newCase();
      else if (name === MENU_COMMANDS[1]) c.newClaim();
      else if (name === MENU_COMMANDS[2]) c.newSource();
      // Until the file picker of document import is in the page, the menu's Import opens the
      // new-document form, where a document's text can be pasted.
      else if (name === MENU_COMMANDS[3]) c.newDocument();
      else if (name === MENU_COMMANDS[4]) c.exportPacket();
      else if (name === MENU_COMMANDS[5]) c.preferences();
      else if (name === MENU_COMMANDS[6]) c.shortcuts();
      else if (name === MENU_COMMANDS[7] || name === MENU_COMMANDS[8]) runHistory(name, () => void c.undo());
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('corroborate:command', onMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('corroborate:command', onMenu);
    };
  }, []);

  return (
    <CommandsContext.Provider value={commands}>
      {children}
      {dialog === 'new-case' && (
        <Modal label="New case" onClose={close}>
          <CaseForm
            onCancel={close}
            onDone={(created) => {
              close();
              nav.selectCase(created.id);
              nav.showView('claims');
            }}
          />
        </Modal>
      )}
      {dialog === 'quick-switcher' && <QuickSwitcher onClose={close} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={close} />}
      {dialog === 'preferences' && <PreferencesDialog onClose={close} />}
      {dialog === 'export' && nav.caseId && <ExportDialog caseId={nav.caseId} onClose={close} />}
    </CommandsContext.Provider>
  );
}

export function useCommands(): Commands {
  const commands = useContext(CommandsContext);
  if (!commands) throw new Error('useCommands outside CommandsProvider');
  return commands;
}
