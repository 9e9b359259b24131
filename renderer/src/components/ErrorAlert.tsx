import { messageOf } from '../api';

/** An API error in words a reporter can act on. Never hidden: role="alert" is announced. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="alert" role="alert">
      {messageOf(error)}
    </div>
  );
}
