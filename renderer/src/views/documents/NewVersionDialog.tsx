import { useState } from 'react';
import type { Output } from '../../../../core/api';
import type { DocumentRecord } from '../../../../db/types';
import { api } from '../../api';
import { Form, TextField, useFormState } from '../../components/form';
import { Modal } from '../../components/Modal';

type Replaced = Output<'documents.replaceText'>;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * Replaces a document's text with a new version (a corrected report, a fuller transcript). The
 * library finds every marked passage again by its words; the dialog then says how that went,
 * naming the passages it could not find (they are kept, apart, never moved to a guessed place).
 */
export function NewVersionDialog({ doc, onClose }: { doc: DocumentRecord; onClose: () => void }) {
  const form = useFormState({ text: '' });
  const [result, setResult] = useState<Replaced | null>(null);
  const chars = form.values.text.length;
  return (
    <Modal label="New version of the text" onClose={onClose}>
      {result ? (
        <div className="confirm new-version">
          <h2>The text is replaced</h2>
          <p>
            {plural(result.previousLength, 'character', 'characters')} before, {plural(result.document.text.length, 'character', 'characters')} now.
          </p>
          <ul className="replace-counts">
            <li>
              <strong>{result.exact}</strong> {result.exact === 1 ? 'passage' : 'passages'} re-found exactly
            </li>
            <li>
              <strong>{result.fuzzy}</strong> re-found in edited form
            </li>
            <li>
              <strong>{result.orphans.length}</strong> orphaned
            </li>
          </ul>
          {result.orphans.length > 0 && (
            <>
              <p>These passages are not in the new text. They are kept as they were quoted, listed apart under the document:</p>
              <ul className="cards">
                {result.orphans.map((x) => (
                  <li key={x.id} className="card">
                    <span className="excerpt">“{x.exact}”</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="form-actions">
            <button type="button" className="button primary" onClick={onClose} data-autofocus>
              Done
            </button>
          </div>
        </div>
      ) : (
        <Form
          className="new-version"
          label="New version of the text"
          submitLabel="Replace the text"
          onSubmit={() => api.invoke('documents.replaceText', { id: doc.id, revision: doc.revision, text: form.values.text })}
          onDone={setResult}
          onCancel={onClose}
        >
          <p className="field-hint">
            The marked passages are looked for in the new text by their words, so they follow the text where it moved; any that cannot be
            found are listed apart. {doc.pages ? 'The page breaks of the original file are dropped.' : ''}
          </p>
          <TextField
            form={form}
            name="text"
            label="New text"
            hint={chars ? `${chars.toLocaleString()} characters (now ${doc.text.length.toLocaleString()}).` : 'Paste the whole new text here.'}
            multiline
            rows={14}
            required
          />
        </Form>
      )}
    </Modal>
  );
}
