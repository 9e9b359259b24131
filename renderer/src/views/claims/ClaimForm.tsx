import type { Output } from '../../../../core/api';
import type { Attribution, Claim, Medium, QuoteKind } from '../../../../db/types';
import { api } from '../../api';
import { Form, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { SourcePicker } from '../../components/SourcePicker';
import { splitList } from '../../format';
import { ATTRIBUTION_LABELS, MEDIUM_LABELS, QUOTE_KIND_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';

interface ClaimFormProps {
  caseId: string;
  /** The claim to edit, or null for a new one. */
  claim: Claim | null;
  sources: Output<'sources.list'>;
}

interface Values {
  statement: string;
  quote: string;
  quoteKind: QuoteKind;
  sourceIds: string[];
  saidOn: string;
  medium: Medium;
  /** '' on a new claim: the first source's usual terms. */
  attribution: Attribution | '';
  tags: string;
}

function valuesOf(claim: Claim | null): Values {
  return {
    statement: claim?.statement ?? '',
    quote: claim?.quote ?? '',
    quoteKind: claim?.quoteKind ?? 'paraphrase',
    sourceIds: claim?.sourceIds ?? [],
    saidOn: claim?.saidOn ?? '',
    medium: claim?.medium ?? 'interview',
    attribution: claim?.attribution ?? '',
    tags: claim?.tags.join(', ') ?? '',
  };
}

/** Records or corrects what a source said. Its status changes apart, through "Change status". */
export function ClaimForm({ caseId, claim, sources }: ClaimFormProps) {
  const nav = useNavigation();
  const form = useFormState(() => valuesOf(claim));

  const save = () => {
    const { attribution, saidOn, tags, ...v } = form.values;
    const fields = { ...v, saidOn: saidOn.trim() || null, tags: splitList(tags), ...(attribution ? { attribution } : {}) };
    return claim
      ? api.invoke('claims.update', { id: claim.id, revision: claim.revision, ...fields })
      : api.invoke('claims.create', { caseId, ...fields });
  };
  const attributionOptions: [Attribution | '', string][] = [
    ...(claim ? [] : [['', 'The source’s usual terms'] as [Attribution | '', string]]),
    ...optionsOf(ATTRIBUTION_LABELS),
  ];

  return (
    <Form
      label={claim ? 'Edit claim' : 'New claim'}
      submitLabel={claim ? 'Save changes' : 'Save claim'}
      onSubmit={save}
      onDone={(saved) => nav.selectClaim({ mode: 'show', id: saved.id, focus: true })}
      onCancel={() => nav.selectClaim(claim ? { mode: 'show', id: claim.id, focus: true } : { mode: 'none' })}
    >
      <TextField form={form} name="statement" label="Statement" hint="What is claimed, in your own neutral words." multiline required />
      <TextField form={form} name="quote" label="Quote" hint="The words as said or written, if you have them." multiline />
      <SelectField form={form} name="quoteKind" label="The quote is" options={optionsOf(QUOTE_KIND_LABELS)} />
      <SourcePicker form={form} name="sourceIds" sources={sources} />
      <div className="field-row">
        <TextField form={form} name="saidOn" label="Said on" hint="YYYY, YYYY-MM or YYYY-MM-DD" placeholder="e.g. 2021-11" />
        <SelectField form={form} name="medium" label="Medium" options={optionsOf(MEDIUM_LABELS)} />
        <SelectField form={form} name="attribution" label="Attribution" options={attributionOptions} />
      </div>
      <TextField form={form} name="tags" label="Tags" hint="Separate tags with commas." />
    </Form>
  );
}
