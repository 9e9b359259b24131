import { useState } from 'react';
import type { Claim, Relation } from '../../../../db/types';
import { api } from '../../api';
import type { Found } from '../../components/FindBox';
import { Form, missing, SelectField, TextField, useFormState } from '../../components/form';
import { RecordPicker } from '../../components/RecordPicker';

/** How the chosen claim bears on this one, in the reporter's words; the link runs from it to this claim. */
const RELATION_CHOICES: [Relation, string][] = [
  ['contradicts', 'It contradicts this claim'],
  ['supports', 'It supports this claim'],
  ['qualifies', 'It qualifies this claim (adds a condition or nuance)'],
  ['same_as', 'It says the same thing'],
];

/** Links another claim of the case for or against this one. */
export function LinkClaimForm({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const [other, setOther] = useState<Found | null>(null);
  const form = useFormState<{ relation: Relation; note: string }>({ relation: 'contradicts', note: '' });
  return (
    <Form
      className="inset"
      level={3}
      label="Link a claim"
      submitLabel="Link claim"
      onSubmit={() =>
        other
          ? api.invoke('claimLinks.create', { fromClaimId: other.id, toClaimId: claim.id, relation: form.values.relation, note: form.values.note })
          : missing('Choose the claim to link: type a few of its words.')
      }
      onDone={onDone}
      onCancel={onDone}
    >
      <RecordPicker
        label="Claim"
        hint="Claims of this case; type words of the statement."
        types={['claim']}
        caseId={claim.caseId}
        exclude={[claim.id]}
        value={other}
        onChange={setOther}
      />
      <SelectField form={form} name="relation" label="How it relates" options={RELATION_CHOICES} />
      <TextField form={form} name="note" label="Note" hint="Why they are linked; optional." multiline rows={2} />
    </Form>
  );
}
