// How the note stands with the library, in words, announced politely when it changes.

import type { SaveState } from '../saving/NoteSaver';

export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <span className={`ed-save ed-save-${state.kind}`} role="status" aria-live="polite">
      {state.kind === 'saved' && 'Saved'}
      {state.kind === 'pending' && 'Editing…'}
      {state.kind === 'saving' && 'Saving…'}
      {state.kind === 'conflict' && 'Not saved: changed in another window'}
      {state.kind === 'failed' && (
        <>
          Not saved: {state.message}{' '}
          <button type="button" className="link" onClick={onRetry}>
            Try again
          </button>
        </>
      )}
    </span>
  );
}
