import type { DocumentKind } from '../../../../db/types';
import { api } from '../../api';
import { Form, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { splitList } from '../../format';
import { DOCUMENT_KIND_LABELS } from '../../labels';
import { useNavigation } from '../../navigation';

interface Values {
  title: string;
  kind: DocumentKind;
  author: string;
  publisher: string;
  publishedOn: string;
  url: string;
  tags: string;
  text: string;
}

/** Adds a document to the case by pasting its text (files come with import). */
export function DocumentForm({ caseId }: { caseId: string }) {
  const nav = useNavigation();
  const form = useFormState<Values>({ title: '', kind: 'report', author: '', publisher: '', publishedOn: '', url: '', tags: '', text: '' });
  const save = () => {
    const { publishedOn, tags, url, ...v } = form.values;
    return api.invoke('documents.create', {
      caseId,
      ...v,
      url: url.trim(),
      publishedOn: publishedOn.trim() || null,
      tags: splitList(tags),
      // Pasted today: when the reporter took their copy.
      retrievedAt: new Date().toISOString(),
    });
  };
  const chars = form.values.text.length;
  return (
    <Form
      label="New document"
      submitLabel="Save document"
      onSubmit={save}
      onDone={(saved) => nav.selectDocument({ mode: 'show', id: saved.id, focus: true })}
      onCancel={() => nav.selectDocument({ mode: 'none' })}
    >
      <TextField form={form} name="title" label="Title" required />
      <div className="field-row">
        <SelectField form={form} name="kind" label="Kind" options={optionsOf(DOCUMENT_KIND_LABELS)} />
        <TextField form={form} name="publishedOn" label="Published on" hint="YYYY, YYYY-MM or YYYY-MM-DD" placeholder="e.g. 2021-11" />
      </div>
      <div className="field-row">
        <TextField form={form} name="author" label="Author" />
        <TextField form={form} name="publisher" label="Publisher" />
      </div>
      <TextField form={form} name="url" label="Web address" type="url" hint="Where it was found, if online." placeholder="https://" />
      <TextField
        form={form}
        name="text"
        label="Text"
        hint={chars ? `${chars.toLocaleString()} characters. Passages of it can then be linked as evidence.` : 'Paste the document’s text here.'}
        multiline
        rows={12}
      />
      <TextField form={form} name="tags" label="Tags" hint="Separate tags with commas." />
    </Form>
  );
}
