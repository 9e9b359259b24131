import type { ReactNode } from 'react';
import { ApiCallError, messageOf } from '../api';

/** What to do about an error, where the message alone does not say. */
function adviceFor(error: unknown): ReactNode {
  if (error instanceof ApiCallError && error.code === 'UNAUTHORIZED') {
    return (
      <>
        Open Corroborate from the address <code>corroborate serve</code> printed when it started; that address carries the key to
        this library.
      </>
    );
  }
  return null;
}

/** An API error in words a reporter can act on. Never hidden: role="alert" is announced. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const advice = adviceFor(error);
  return (
    <div className="alert" role="alert">
      {messageOf(error)}
      {advice && <p className="alert-advice">{advice}</p>}
    </div>
  );
}
