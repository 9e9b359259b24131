import { FindBox, type Found } from '../../components/FindBox';
import { Modal } from '../../components/Modal';
import { useNavigation } from '../../navigation';

/** Ctrl/Cmd+K: go to any case, source, claim, document, note or marked passage by typing a few letters of it. */
export function QuickSwitcher({ onClose }: { onClose: () => void }) {
  const nav = useNavigation();
  const go = (found: Found) => {
    onClose();
    const caseId = found.caseId ?? nav.caseId;
    if (found.type === 'case') {
      nav.selectCase(found.id);
      nav.showView('claims');
    } else if (found.type === 'source') nav.openSource(found.id);
    else if (found.type === 'claim' && caseId) nav.openClaim(caseId, found.id);
    else if (found.type === 'document' && caseId) nav.openDocument(caseId, found.id);
    else if (found.type === 'note') nav.openNote(found.id, caseId ?? undefined);
    else if (found.type === 'excerpt' && caseId && found.documentId) nav.openDocument(caseId, found.documentId, found.id);
  };
  return (
    <Modal label="Quick switcher" onClose={onClose}>
      <div className="switcher">
        <FindBox
          label="Go to"
          hideLabel
          placeholder="Go to a case, source, claim, document or note…"
          onChoose={go}
          escapeClears={false}
          autoFocus
          limit={30}
        />
        <p className="switcher-hint muted">
          <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close · names forgive typos, claims match the words they start with
        </p>
      </div>
    </Modal>
  );
}
