import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../data';
import { useNavigation } from '../../navigation';

/** Loads the demo case, a worked investigation that shows every part of the app, and opens it. */
export function DemoButton({ className }: { className?: string }) {
  const nav = useNavigation();
  const action = useAction();
  const load = async () => {
    const loaded = await action.run(() => api.invoke('demo.load', {}));
    if (loaded) {
      nav.selectCase(loaded.caseId);
      nav.showView('claims');
    }
  };
  return (
    <>
      <button type="button" className={`button ${className ?? ''}`} onClick={load} disabled={action.busy}>
        {action.busy ? 'Loading the demo…' : 'Load demo case'}
      </button>
      <ErrorAlert error={action.error} />
    </>
  );
}
