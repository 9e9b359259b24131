// Importing files as documents, wherever they come from: the Import button, files dropped on
// the Documents view, the menu's Import (Ctrl/Cmd+O). The queue lives above the views, so an
// import goes on while the reporter reads something else; files are read and sent one at a
// time, each with its progress (asked of the library every 200 ms) and a Cancel.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DocumentRecord } from '../../../../db/types';
import { api, ApiCallError, messageOf } from '../../api';
import { useDataVersion } from '../../data';
import { useNavigation } from '../../navigation';
import { useToast } from '../../toast';

/** What the library reads; the picker offers these first (the library has the last word). */
const ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf,.docx';
/** The library refuses larger files; they are refused here before being read into memory. */
const MAX_BYTES = 100 * 1024 * 1024;
const POLL_MS = 200;

export type ImportStep =
  | { step: 'waiting' }
  | { step: 'reading' }
  | { step: 'importing'; done: number; total: number; stage: string }
  | { step: 'cancelling' }
  | { step: 'imported' | 'existing'; document: DocumentRecord }
  | { step: 'refused'; message: string }
  | { step: 'cancelled' };

export interface ImportItem {
  /** Also the job id the library reports progress under. */
  key: string;
  caseId: string;
  fileName: string;
  size: number;
  state: ImportStep;
  /** How long the library took, from sending the file to its answer (ms). */
  took?: number;
}

export const isFinished = (item: ImportItem) => ['imported', 'existing', 'refused', 'cancelled'].includes(item.state.step);

interface Imports {
  items: ImportItem[];
  /** Opens the file picker; the files chosen go to the case open now. */
  choose: () => void;
  add: (files: Iterable<File>, caseId: string) => void;
  cancel: (key: string) => void;
  /** Forgets the finished imports of a case (the list of results). */
  clearFinished: (caseId: string) => void;
}

const ImportsContext = createContext<Imports | null>(null);

function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `import-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The file's bytes in base64, as the API takes them (a data: URL without its head). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma < 0 ? '' : url.slice(comma + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

export function ImportProvider({ children }: { children: ReactNode }) {
  const nav = useNavigation();
  const { changed } = useDataVersion();
  const { notify } = useToast();
  const [items, setItems] = useState<ImportItem[]>([]);
  const files = useRef(new Map<string, File>());
  const cancelled = useRef(new Set<string>());
  const input = useRef<HTMLInputElement>(null);
  const chooseFor = useRef<string | null>(null);
  const running = useRef(false);
  const latest = useRef({ nav, notify, changed });
  latest.current = { nav, notify, changed };

  const update = useCallback((key: string, state: ImportStep, extra: Partial<ImportItem> = {}) => {
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...extra, state } : item)));
  }, []);

  /** Reads one file and hands it to the library, reporting progress until it answers. */
  const importOne = useCallback(
    async (item: ImportItem) => {
      const { key, caseId } = item;
      const file = files.current.get(key);
      files.current.delete(key);
      if (!file) return;
      if (file.size > MAX_BYTES) {
        update(key, { step: 'refused', message: `“${file.name}” is larger than ${MAX_BYTES / 1024 / 1024} MB.` });
        return;
      }
      update(key, { step: 'reading' });
      let data: string;
      try {
        data = await readAsBase64(file);
      } catch {
        update(key, { step: 'refused', message: `“${file.name}” could not be read from the disk.` });
        return;
      }
      if (cancelled.current.has(key)) {
        update(key, { step: 'cancelled' });
        return;
      }
      update(key, { step: 'importing', done: 0, total: 0, stage: 'Sending the file' });
      let answered = false;
      let asking = false;
      const poll = setInterval(() => {
        if (asking) return;
        asking = true;
        // Until the library has the whole file there is no job yet (NOT_FOUND); a Cancel pressed
        // then is sent again once there is one.
        api
          .invoke('jobs.progress', { jobId: key })
          .then(
            (p) => {
              if (answered) return;
              if (cancelled.current.has(key)) void api.invoke('jobs.cancel', { jobId: key }).catch(() => {});
              else update(key, { step: 'importing', ...p });
            },
            () => {},
          )
          .finally(() => (asking = false));
      }, POLL_MS);
      const began = performance.now();
      try {
        const { document, created } = await api.invoke('documents.import', { caseId, fileName: file.name, data, jobId: key });
        answered = true;
        update(key, { step: created ? 'imported' : 'existing', document }, { took: Math.round(performance.now() - began) });
        latest.current.changed();
        if (latest.current.nav.view !== 'documents') {
          latest.current.notify({
            text: created ? `Imported “${document.title}”.` : `“${file.name}” was already imported.`,
            action: { label: 'Open', run: () => latest.current.nav.openDocument(caseId, document.id) },
          });
        }
      } catch (err) {
        answered = true;
        if (err instanceof ApiCallError && err.code === 'CANCELLED') update(key, { step: 'cancelled' });
        else update(key, { step: 'refused', message: messageOf(err) });
      } finally {
        clearInterval(poll);
        cancelled.current.delete(key);
      }
    },
    [update],
  );

  // One file at a time: the next waiting one starts when the last has its answer.
  useEffect(() => {
    if (running.current) return;
    const next = items.find((i) => i.state.step === 'waiting');
    if (!next) return;
    running.current = true;
    void importOne(next).finally(() => {
      running.current = false;
      // Wake the queue for the next file (the state may not have changed since).
      setItems((all) => [...all]);
    });
  }, [items, importOne]);

  const add = useCallback((chosen: Iterable<File>, caseId: string) => {
    const added: ImportItem[] = [];
    for (const file of chosen) {
      const key = newJobId();
      files.current.set(key, file);
      added.push({ key, caseId, fileName: file.name, size: file.size, state: { step: 'waiting' } });
    }
    if (added.length) setItems((all) => [...all, ...added]);
  }, []);

  const cancel = useCallback((key: string) => {
    cancelled.current.add(key);
    setItems((all) =>
      all.map((item) => {
        if (item.key !== key) return item;
        if (item.state.step === 'waiting') {
          files.current.delete(key);
          cancelled.current.delete(key);
          return { ...item, state: { step: 'cancelled' } };
        }
        if (item.state.step === 'importing') void api.invoke('jobs.cancel', { jobId: key }).catch(() => {});
        return item.state.step === 'importing' || item.state.step === 'reading' ? { ...item, state: { step: 'cancelling' } } : item;
      }),
    );
  }, []);

  const clearFinished = useCallback((caseId: string) => setItems((all) => all.filter((i) => i.caseId !== caseId || !isFinished(i))), []);

  const choose = useCallback(() => {
    const caseId = latest.current.nav.caseId;
    if (!caseId) {
      latest.current.notify({ text: 'Start a case first: press C, or load the demo case.' });
      return;
    }
    chooseFor.current = caseId;
    input.current?.click();
  }, []);

  // The menu's Import (Ctrl/Cmd+O) shows the Documents view and opens the picker. Heard before
  // the general menu handler, which would otherwise open the paste form.
  useEffect(() => {
    const onMenu = (e: Event) => {
      if ((e as CustomEvent<unknown>).detail !== 'import') return;
      e.stopImmediatePropagation();
      if (latest.current.nav.caseId) latest.current.nav.showView('documents');
      choose();
    };
    window.addEventListener('corroborate:command', onMenu, { capture: true });
    return () => window.removeEventListener('corroborate:command', onMenu, { capture: true });
  }, [choose]);

  const value = useMemo(() => ({ items, choose, add, cancel, clearFinished }), [items, choose, add, cancel, clearFinished]);
  return (
    <ImportsContext.Provider value={value}>
      {children}
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label="Files to import"
        data-testid="import-files"
        onChange={(e) => {
          // Files can also arrive without the button (a test setting them): they go to the open case.
          const caseId = chooseFor.current ?? latest.current.nav.caseId;
          chooseFor.current = null;
          if (caseId && e.target.files) add(e.target.files, caseId);
          // The same file chosen again must fire change again.
          e.target.value = '';
        }}
      />
    </ImportsContext.Provider>
  );
}

export function useImports(): Imports {
  const imports = useContext(ImportsContext);
  if (!imports) throw new Error('useImports outside ImportProvider');
  return imports;
}
