import type { Attribution, Reliability, Source, SourceKind } from '../../../../db/types';
import { api } from '../../api';
import { CheckboxField, Form, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { splitList } from '../../format';
import { ATTRIBUTION_LABELS, RELIABILITY_LABELS, SOURCE_KIND_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';

interface Values {
  kind: SourceKind;
  name: string;
  aliases: string;
  role: string;
  defaultAttribution: Attribution;
  confidential: boolean;
  anonymityReason: string;
  identityKnownBy: string;
  reliability: Reliability | '';
  notes: string;
}

function valuesOf(source: Source | null): Values {
  return {
    kind: source?.kind ?? 'person',
    name: source?.name ?? '',
    aliases: source?.aliases.join(', ') ?? '',
    role: source?.role ?? '',
    defaultAttribution: source?.defaultAttribution ?? 'on_record',
    confidential: source?.confidential ?? false,
    anonymityReason: source?.anonymityReason ?? '',
    identityKnownBy: source?.identityKnownBy ?? '',
    reliability: source?.reliability ?? '',
    notes: source?.notes ?? '',
  };
}

const reliabilityOptions: [Reliability | '', string][] = [
  ['', 'Not graded'],
  ...optionsOf(RELIABILITY_LABELS, (grade, meaning) => `${grade} — ${meaning}`),
];

/** Records or corrects a person or organisation the reporter quotes. */
export function SourceForm({ source }: { source: Source | null }) {
  const nav = useNavigation();
  const form = useFormState(() => valuesOf(source));
  const v = form.values;

  const save = () => {
    const fields = { ...v, aliases: splitList(v.aliases), reliability: v.reliability || null };
    return source ? api.invoke('sources.update', { id: source.id, revision: source.revision, ...fields }) : api.invoke('sources.create', fields);
  };

  return (
    <Form
      label={source ? 'Edit source' : 'New source'}
      submitLabel={source ? 'Save changes' : 'Save source'}
      onSubmit={save}
      onDone={(saved) => nav.selectSource({ mode: 'show', id: saved.id, focus: true })}
      onCancel={() => nav.selectSource(source ? { mode: 'show', id: source.id, focus: true } : { mode: 'none' })}
    >
      <div className="field-row">
        <SelectField form={form} name="kind" label="Kind" options={optionsOf(SOURCE_KIND_LABELS)} />
        <TextField form={form} name="name" label="Name" required />
      </div>
      <TextField form={form} name="role" label="Role or title" hint="e.g. Spokesperson, Ministry of Health" />
      <TextField form={form} name="aliases" label="Also known as" hint="Other names or spellings, separated by commas." />
      <div className="field-row">
        <SelectField
          form={form}
          name="defaultAttribution"
          label="Usual attribution"
          hint="The terms this source usually speaks on; new claims start with them."
          options={optionsOf(ATTRIBUTION_LABELS)}
        />
        <SelectField
          form={form}
          name="reliability"
          label="Reliability"
          hint="The Admiralty grade, from your experience of this source."
          options={reliabilityOptions}
        />
      </div>
      <CheckboxField form={form} name="confidential" label="Confidential source" hint="Their identity is protected: it stays out of anything you share." />
      {v.confidential && (
        <div className="field-row">
          <TextField form={form} name="anonymityReason" label="Why anonymity was granted" multiline />
          <TextField form={form} name="identityKnownBy" label="Who knows their identity" hint="e.g. reporter and editor" multiline />
        </div>
      )}
      <TextField form={form} name="notes" label="Notes" multiline />
    </Form>
  );
}
