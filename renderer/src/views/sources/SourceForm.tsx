import { useState } from 'react';
import type { Attribution, Reliability, Source, SourceKind } from '../../../../db/types';
import { api } from '../../api';
import type { Found } from '../../components/FindBox';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CheckboxField, Form, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { RecordPicker } from '../../components/RecordPicker';
import { useQuery } from '../../data';
import { splitList } from '../../format';
import { ATTRIBUTION_LABELS, RELIABILITY_LABELS, SOURCE_KIND_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';
import '../desk/desk.css';

interface Values {
  kind: SourceKind;
  name: string;
  aliases: string;
  role: string;
  email: string;
  phone: string;
  address: string;
  other: string;
  defaultAttribution: Attribution;
  confidential: boolean;
  anonymityReason: string;
  identityKnownBy: string;
  reliability: Reliability | '';
  description: string;
  tags: string;
  notes: string;
}

function valuesOf(source: Source | null): Values {
  return {
    kind: source?.kind ?? 'person',
    name: source?.name ?? '',
    aliases: source?.aliases.join(', ') ?? '',
    role: source?.role ?? '',
    email: source?.contact.email ?? '',
    phone: source?.contact.phone ?? '',
    address: source?.contact.address ?? '',
    other: source?.contact.other ?? '',
    defaultAttribution: source?.defaultAttribution ?? 'on_record',
    confidential: source?.confidential ?? false,
    anonymityReason: source?.anonymityReason ?? '',
    identityKnownBy: source?.identityKnownBy ?? '',
    reliability: source?.reliability ?? '',
    description: source?.description ?? '',
    tags: source?.tags.join(', ') ?? '',
    notes: source?.notes ?? '',
  };
}

const asFound = (s: Source): Found => ({ type: 'source', id: s.id, caseId: null, title: s.name, subtitle: s.role });

const reliabilityOptions: [Reliability | '', string][] = [
  ['', 'Not graded'],
  ...optionsOf(RELIABILITY_LABELS, (grade, meaning) => `${grade} — ${meaning}`),
];

/** Records or corrects a person or organisation the reporter quotes: every field of the source. */
export function SourceForm({ source, affiliation: initialAffiliation }: { source: Source | null; affiliation: Source | null }) {
  const nav = useNavigation();
  const form = useFormState(() => valuesOf(source));
  const [affiliation, setAffiliation] = useState<Found | null>(initialAffiliation ? asFound(initialAffiliation) : null);
  const v = form.values;
  // A source shared with a desk before it was made confidential: its identity went out and
  // cannot be recalled (docs/sync.md §5). Asked here, said before saving, confirmed once.
  const desk = useQuery('sync.source', source && !source.confidential ? { sourceId: source.id } : null);
  const wentTo = (desk.data ?? []).filter((c) => c.identityWentOut).map((c) => `“${c.docName}”`);
  const cannotRecall = v.confidential && wentTo.length > 0;
  const [asking, setAsking] = useState(false);

  const save = () => {
    const { email, phone, address, other, aliases, tags, reliability, ...rest } = v;
    const fields = {
      ...rest,
      aliases: splitList(aliases),
      tags: splitList(tags),
      reliability: reliability || null,
      affiliationId: affiliation?.id ?? null,
      contact: { email, phone, address, other },
    };
    return source ? api.invoke('sources.update', { id: source.id, revision: source.revision, ...fields }) : api.invoke('sources.create', fields);
  };
  const submit = async () => {
    if (!cannotRecall) return save();
    setAsking(true);
    return undefined;
  };
  const recallMessage = `Their name and identity went to the desk of ${wentTo.join(', ')} when the case was shared. From now on they stay in this library, but what went out cannot be recalled: members who received it keep it, and its earlier values stay in the case’s history.`;

  return (
    <Form
      label={source ? 'Edit source' : 'New source'}
      submitLabel={source ? 'Save changes' : 'Save source'}
      onSubmit={submit}
      onDone={(saved) => saved && nav.selectSource({ mode: 'show', id: saved.id, focus: true })}
      onCancel={() => nav.selectSource(source ? { mode: 'show', id: source.id, focus: true } : { mode: 'none' })}
    >
      <div className="field-row">
        <SelectField form={form} name="kind" label="Kind" options={optionsOf(SOURCE_KIND_LABELS)} />
        <TextField form={form} name="name" label="Name" required />
      </div>
      <TextField form={form} name="role" label="Role or title" hint="e.g. Spokesperson, Ministry of Health" />
      <TextField form={form} name="aliases" label="Also known as" hint="Other names or spellings, separated by commas." />
      <RecordPicker
        label="Affiliation"
        hint="The organisation they speak for or belong to, if it is on file."
        types={['source']}
        exclude={source ? [source.id] : []}
        value={affiliation}
        onChange={setAffiliation}
        placeholder="Type a few letters of an organisation…"
      />
      <TextField form={form} name="description" label="About" hint="One line on who they are, for whoever reads the case after you." />

      <fieldset className="fieldset">
        <legend>Contact details</legend>
        <p className="field-hint">Kept in this library only, and shown masked until you reveal them.</p>
        <div className="field-row">
          <TextField form={form} name="email" path="contact.email" label="Email" type="email" />
          <TextField form={form} name="phone" path="contact.phone" label="Phone" type="tel" />
        </div>
        <div className="field-row">
          <TextField form={form} name="address" path="contact.address" label="Address" />
          <TextField form={form} name="other" path="contact.other" label="Other" hint="Signal, a fixer, an office hour…" />
        </div>
      </fieldset>

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
          hint={v.reliability ? `${v.reliability}: ${RELIABILITY_LABELS[v.reliability]} (Admiralty grade).` : 'The Admiralty grade, from your experience of this source.'}
          options={reliabilityOptions}
        />
      </div>
      <CheckboxField form={form} name="confidential" label="Confidential source" hint="Their identity is protected: it stays out of anything you share." />
      {cannotRecall && (
        <p className="desk-warning" role="alert">
          {recallMessage}
        </p>
      )}
      {asking && source && (
        <ConfirmDialog
          title="Make a shared source confidential?"
          message={recallMessage}
          confirmLabel="Make it confidential from now on"
          onConfirm={save}
          onDone={() => nav.selectSource({ mode: 'show', id: source.id, focus: true })}
          onCancel={() => setAsking(false)}
        />
      )}
      {v.confidential && (
        <div className="field-row">
          <TextField form={form} name="anonymityReason" label="Why anonymity was granted" multiline />
          <TextField form={form} name="identityKnownBy" label="Who knows their identity" hint="e.g. reporter and editor" multiline />
        </div>
      )}
      <TextField form={form} name="tags" label="Tags" hint="Separate tags with commas." />
      <TextField form={form} name="notes" label="Notes" multiline />
    </Form>
  );
}
