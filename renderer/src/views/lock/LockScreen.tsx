import { useEffect, useRef } from 'react';
import './lock.css';

/** All the window shows while locked: no case, no record, no title from the library. */
export function LockScreen({ onUnlock }: { onUnlock: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <main className="lock-screen" aria-labelledby="lock-title">
      <div className="lock-card">
        <svg className="lock-icon" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="5" y="11" width="14" height="10" rx="2" />
          <path d="M8 11V8a4 4 0 0 1 8 0v3" />
        </svg>
        <h1 id="lock-title">Corroborate is locked</h1>
        <p>Nothing of your cases is shown or kept in this window. Unlock to read them again from your library.</p>
        <button ref={button} type="button" className="button primary" onClick={onUnlock}>
          Unlock
        </button>
      </div>
    </main>
  );
}
