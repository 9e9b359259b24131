import { Modal } from '../../components/Modal';
import { SHORTCUT_GROUPS } from '../../shortcuts';
import './ShortcutsDialog.css';

/** Every keyboard shortcut, in four short groups (opened with `?`). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal label="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts">
        <h2>Keyboard shortcuts</h2>
        <p className="muted">Single keys work whenever you are not typing in a field.</p>
        <div className="shortcut-groups">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.title} aria-labelledby={`shortcuts-${group.title}`}>
              <h3 id={`shortcuts-${group.title}`}>{group.title}</h3>
              <dl>
                {group.shortcuts.map((s) => (
                  <div key={s.does} className="shortcut">
                    <dt>
                      {s.keys.map((k) =>
                        k === '…' ? (
                          <span key={k} aria-label="to">
                            …
                          </span>
                        ) : (
                          <kbd key={k}>{k}</kbd>
                        ),
                      )}
                    </dt>
                    <dd>{s.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
