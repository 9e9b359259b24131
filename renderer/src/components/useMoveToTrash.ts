import { useCommands } from '../commands';
import { useAction } from '../data';

/**
 * Moves a record to the trash at once (no "are you sure?": it can be brought back) and says so
 * with an Undo button. The error, if the library refuses, is for the caller to show in place.
 */
export function useMoveToTrash() {
  const action = useAction();
  const { trashed } = useCommands();
  const move = async (remove: () => Promise<unknown>, what: string): Promise<boolean> => {
    const done = (await action.run(remove)) !== undefined;
    if (done) trashed(what);
    return done;
  };
  return { move, busy: action.busy, error: action.error };
}
