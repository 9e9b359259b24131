// A short message at the foot of the window after a change that leaves nothing on screen to
// look at ("Moved to the trash"), with at most one action (Undo). Announced politely; it stays
// while the pointer or the focus is on it.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import './toast.css';

export interface ToastMessage {
  text: string;
  action?: { label: string; run: () => void };
  /** Shown as a problem (an undo that failed), not as news. */
  problem?: boolean;
}

interface Toasts {
  notify: (message: ToastMessage) => void;
  dismiss: () => void;
}

const ToastContext = createContext<Toasts>({ notify: () => {}, dismiss: () => {} });

const SHOWN_FOR_MS = 8000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<(ToastMessage & { n: number }) | null>(null);
  const [held, setHeld] = useState(false);
  const count = useRef(0);
  const notify = useCallback((message: ToastMessage) => setToast({ ...message, n: ++count.current }), []);
  const dismiss = useCallback(() => setToast(null), []);

  useEffect(() => {
    if (!toast || held) return;
    const timer = setTimeout(() => setToast(null), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [toast, held]);

  const value = useMemo(() => ({ notify, dismiss }), [notify, dismiss]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      {/* The live region is always in the page, so screen readers hear what appears in it. */}
      <div
        className="toast-region"
        role="status"
        aria-live="polite"
        onMouseEnter={() => setHeld(true)}
        onMouseLeave={() => setHeld(false)}
        onFocus={() => setHeld(true)}
        onBlur={() => setHeld(false)}
      >
        {toast && (
          <div key={toast.n} className={`toast${toast.problem ? ' toast-problem' : ''}`}>
            <span className="toast-text">{toast.text}</span>
            {toast.action && (
              <button
                type="button"
                className="button small toast-action"
                onClick={() => {
                  setToast(null);
                  toast.action?.run();
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Toasts {
  return useContext(ToastContext);
}
