import { useCommands } from '../../commands';

/** A button that opens the new-case form (shortcut C); once saved, the new case opens. */
export function NewCaseButton({ label, className }: { label: string; className?: string }) {
  const commands = useCommands();
  return (
    <button type="button" className={`button ${className ?? ''}`} onClick={commands.newCase} aria-keyshortcuts="C">
      {label}
    </button>
  );
}
