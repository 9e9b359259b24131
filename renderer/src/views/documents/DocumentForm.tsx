import type { DocumentKind, DocumentRecord } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Form, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
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

function valuesOf(doc: DocumentRecord | null): Values {
  return {
    title: doc?.title ?? '',
    kind: doc?.kind ?? 'report',
    author: doc?.author ?? '',
    publisher: doc?.publisher ?? '',
    publishedOn: doc?.publishedOn ?? '',
    url: doc?.url ?? '',
    tags: doc?.tags.join(', ') ?? '',
    text: '',
  };
}

/**
 * Adds a document to the case by pasting its text, or corrects the details of one (an imported
 * file's are prefilled from what the file says, which is not always right). The text of a
 * document on file changes only through "New version of the text": passages are anchored in it.
 */
export function DocumentForm({ caseId, document: doc = null }: { caseId: string; document?: DocumentRecord | null }) {
  const nav = useNavigation();
  const form = useFormState<Values>(() => valuesOf(doc));
  const save = () => {
    const { publishedOn, tags, url, text, ...v } = form.values;
    const details = { ...v, url: url.trim(), publishedOn: publishedOn.trim() || null, tags: splitList(tags) };
    if (doc) return api.invoke('documents.update', { id: doc.id, revision: doc.revision, ...details });
    // Pasted today: when the reporter took their copy.
    return api.invoke('documents.create', { caseId, ...details, text, retrievedAt: new Date().toISOString() });
  };
  const chars = form.values.text.length;
  return (
    <Form
      label={doc ? 'Edit document details' : 'New document'}
      submitLabel={doc ? 'Save changes' : 'Save document'}
      onSubmit={save}
      onDone={(saved) => nav.selectDocument({ mode: 'show', id: saved.id, focus: true })}
      onCancel={() => nav.selectDocument(doc ? { mode: 'show', id: doc.id, focus: true } : { mode: 'none' })}
    >
      {doc?.fileName && <p className="field-hint">Read from the file “{doc.fileName}”: check what it says.</p>}
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
      {!doc && (
        <TextField
          form={form}
          name="text"
          label="Text"
          hint={chars ? `${chars.toLocaleString()} characters. Passages of it can then be linked as evidence.` : 'Paste the document’s text here.'}
          multiline
          rows={12}
        />
      )}
      <TextField form={form} name="tags" label="Tags" hint="Separate tags with commas." />
    </Form>
  );
}

/** The details form of a document on file, once it has loaded. */
export function DocumentEditor({ caseId, documentId }: { caseId: string; documentId: string }) {
  const detail = useQuery('documents.get', { id: documentId });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading what="the document" />;
  return <DocumentForm caseId={caseId} document={detail.data.document} />;
}
