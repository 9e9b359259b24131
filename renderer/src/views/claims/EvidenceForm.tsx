import { useState } from 'react';
import type { Claim, Stance } from '../../../../db/types';
import { api } from '../../api';
import type { Found } from '../../components/FindBox';
import { Form, missing, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { RecordPicker } from '../../components/RecordPicker';
import { useQuery } from '../../data';
import { STANCE_LABELS } from '../../labels';

const STANCE_HINTS: Record<Stance, string> = {
  supports: 'It bears the claim out.',
  contradicts: 'It says otherwise.',
  context: 'Background the reader needs; neither for nor against.',
};

/** Links a document of the case, or one passage marked in it, to the claim. */
export function EvidenceForm({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const [document, setDocument] = useState<Found | null>(null);
  const excerpts = useQuery('excerpts.list', document ? { documentId: document.id } : null);
  const form = useFormState<{ excerptId: string; stance: Stance; locator: string; note: string }>({
    excerptId: '',
    stance: 'supports',
    locator: '',
    note: '',
  });
  const { excerptId, ...rest } = form.values;
  const passages: [string, string][] = [
    ['', 'The whole document'],
    ...(excerpts.data ?? []).map((x): [string, string] => [x.id, `“${x.exact.length > 90 ? `${x.exact.slice(0, 90)}…` : x.exact}”`]),
  ];

  return (
    <Form
      className="inset"
      level={3}
      label="Link evidence"
      submitLabel="Link evidence"
      onSubmit={() =>
        document
          ? api.invoke('evidence.create', { claimId: claim.id, documentId: document.id, ...(excerptId ? { excerptId } : {}), ...rest })
          : missing('Choose the document: type a few words of its title.')
      }
      onDone={onDone}
      onCancel={onDone}
    >
      <RecordPicker
        label="Document"
        hint="Documents of this case. Add one under Documents (press D) if it is not there yet."
        types={['document']}
        caseId={claim.caseId}
        value={document}
        onChange={(d) => {
          setDocument(d);
          form.set('excerptId', '');
        }}
      />
      {document && (
        <SelectField
          form={form}
          name="excerptId"
          label="Passage"
          hint={excerpts.data?.length ? 'One of the passages marked in it, or the document as a whole.' : 'No passage is marked in this document yet.'}
          options={passages}
        />
      )}
      <div className="field-row">
        <SelectField form={form} name="stance" label="Stance" hint={STANCE_HINTS[form.values.stance]} options={optionsOf(STANCE_LABELS)} />
        <TextField form={form} name="locator" label="Where in it" hint="Page, paragraph or timestamp: p. 12, ¶ 4, 00:14:05" />
      </div>
      <TextField form={form} name="note" label="Note" hint="What it shows; optional." multiline rows={2} />
    </Form>
  );
}
