// What a selected passage becomes: the origin of a new claim, evidence for a claim on file, or
// a comment. Each marks the passage as an excerpt (the one already marked there, if any) and
// then makes what was asked of it.

import { useRef, useState } from 'react';
import type { DocumentKind, DocumentRecord, Excerpt, Medium, QuoteKind, Stance } from '../../../../db/types';
import { api, ApiCallError } from '../../api';
import type { Found } from '../../components/FindBox';
import { Form, missing, optionsOf, SelectField, TextField, useFormState } from '../../components/form';
import { Modal } from '../../components/Modal';
import { RecordPicker } from '../../components/RecordPicker';
import { SourcePicker } from '../../components/SourcePicker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useQuery } from '../../data';
import { MEDIUM_LABELS, QUOTE_KIND_LABELS, STANCE_LABELS } from '../../labels';
import type { TextSpan } from '../../navigation';
import { useToast } from '../../toast';
import { useNavigation } from '../../navigation';
import { pageAt } from './layout';
import type { PassageAction } from './Reader';

/** How a document's words were most likely delivered, for a claim quoted from it. */
const MEDIUM_OF: Record<DocumentKind, Medium> = {
  article: 'other',
  report: 'report',
  dataset: 'dataset',
  statement: 'written_statement',
  transcript: 'interview',
  image: 'other',
  other: 'other',
};

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A refusal shown next to its field, before anything is written. */
function refuse(path: string, message: string): Promise<never> {
  return Promise.reject(new ApiCallError({ code: 'BAD_INPUT', message, issues: [{ path, message }] }));
}

/**
 * The excerpt for the passage: the live one already marked at exactly these offsets, or a new
 * one, made once (a save that fails after it, and is tried again, does not mark it twice).
 */
function usePassageExcerpt(doc: DocumentRecord, excerpts: Excerpt[], span: TextSpan): () => Promise<Excerpt> {
  const made = useRef<Excerpt | null>(null);
  return async () => {
    const same = made.current ?? excerpts.find((x) => x.start === span.start && x.end === span.end && !x.orphanedAt && !x.deletedAt);
    if (same) return same;
    const page = pageAt(doc.pages, span.start);
    made.current = await api.invoke('excerpts.create', { documentId: doc.id, start: span.start, end: span.end, ...(page ? { page } : {}) });
    return made.current;
  };
}

function Passage({ text }: { text: string }) {
  const shown = text.length > 600 ? `${text.slice(0, 600)}…` : text;
  return (
    <figure className="quote passage-quote">
      <blockquote>{shown}</blockquote>
      <figcaption>{text.length.toLocaleString()} characters selected</figcaption>
    </figure>
  );
}

interface DialogProps {
  doc: DocumentRecord;
  excerpts: Excerpt[];
  span: TextSpan;
  onClose: () => void;
}

const TITLES: Record<PassageAction, string> = {
  claim: 'New claim from the passage',
  evidence: 'Add the passage as evidence',
  comment: 'Comment on the passage',
};

/** The dialog for one of the reader's actions on a selected passage. */
export function PassageDialog({ action, ...props }: DialogProps & { action: PassageAction }) {
  return (
    <Modal label={TITLES[action]} onClose={props.onClose}>
      <div className="passage-dialog">
        {action === 'claim' && <ClaimFromPassage {...props} />}
        {action === 'evidence' && <EvidenceFromPassage {...props} />}
        {action === 'comment' && <CommentOnPassage {...props} />}
      </div>
    </Modal>
  );
}

interface ClaimValues {
  statement: string;
  quote: string;
  quoteKind: QuoteKind;
  sourceIds: string[];
  saidOn: string;
  medium: Medium;
}

function ClaimFromPassage({ doc, excerpts, span, onClose }: DialogProps) {
  const nav = useNavigation();
  const { notify } = useToast();
  const sources = useQuery('sources.list', {});
  const markPassage = usePassageExcerpt(doc, excerpts, span);
  const passage = doc.text.slice(span.start, span.end);
  const form = useFormState<ClaimValues>({
    statement: '',
    quote: passage,
    quoteKind: 'verbatim',
    sourceIds: [],
    saidOn: doc.publishedOn ?? '',
    medium: MEDIUM_OF[doc.kind],
  });
  const save = async () => {
    const { saidOn, statement, ...v } = form.values;
    if (!statement.trim()) return refuse('statement', 'Say what is claimed, in your own words.');
    if (saidOn.trim() && !PARTIAL_DATE.test(saidOn.trim())) return refuse('saidOn', 'A date as YYYY, YYYY-MM or YYYY-MM-DD.');
    const origin = await markPassage();
    return api.invoke('claims.create', { caseId: doc.caseId, statement, ...v, saidOn: saidOn.trim() || null, originExcerptId: origin.id });
  };
  if (sources.error) return <ErrorAlert error={sources.error} />;
  if (!sources.data) return <Loading what="the sources" />;
  return (
    <Form
      label={TITLES.claim}
      submitLabel="Save claim"
      onSubmit={save}
      onDone={(claim) => {
        onClose();
        notify({ text: 'Claim saved; the passage is marked as its origin.', action: { label: 'Open claim', run: () => nav.openClaim(claim.caseId, claim.id) } });
      }}
      onCancel={onClose}
    >
      <Passage text={passage} />
      <TextField form={form} name="statement" label="Statement" hint="What is claimed, in your own neutral words." multiline required />
      <TextField form={form} name="quote" label="Quote" hint="The words as the document gives them." multiline />
      <SelectField form={form} name="quoteKind" label="The quote is" options={optionsOf(QUOTE_KIND_LABELS)} />
      <SourcePicker form={form} name="sourceIds" sources={sources.data} />
      <div className="field-row">
        <TextField form={form} name="saidOn" label="Said on" hint="YYYY, YYYY-MM or YYYY-MM-DD" placeholder="e.g. 2021-11" />
        <SelectField form={form} name="medium" label="Medium" options={optionsOf(MEDIUM_LABELS)} />
      </div>
    </Form>
  );
}

function EvidenceFromPassage({ doc, excerpts, span, onClose }: DialogProps) {
  const nav = useNavigation();
  const { notify } = useToast();
  const [claim, setClaim] = useState<Found | null>(null);
  const markPassage = usePassageExcerpt(doc, excerpts, span);
  const form = useFormState<{ stance: Stance; note: string }>({ stance: 'supports', note: '' });
  const save = async () => {
    if (!claim) return missing('Choose the claim: type a few words of it.');
    const excerpt = await markPassage();
    const page = pageAt(doc.pages, span.start);
    return api.invoke('evidence.create', { claimId: claim.id, excerptId: excerpt.id, ...form.values, ...(page ? { locator: `p. ${page}` } : {}) });
  };
  return (
    <Form
      label={TITLES.evidence}
      submitLabel="Add evidence"
      onSubmit={save}
      onDone={() => {
        onClose();
        if (claim) notify({ text: `Linked as evidence (${STANCE_LABELS[form.values.stance].toLowerCase()}).`, action: { label: 'Open claim', run: () => nav.openClaim(doc.caseId, claim.id) } });
      }}
      onCancel={onClose}
    >
      <Passage text={doc.text.slice(span.start, span.end)} />
      <RecordPicker label="Claim" hint="A claim of this case: type a few words of it." types={['claim']} caseId={doc.caseId} value={claim} onChange={setClaim} autoFocus />
      <SelectField form={form} name="stance" label="The passage" options={optionsOf(STANCE_LABELS, (k, label) => (k === 'context' ? 'Gives context' : `${label} the claim`))} />
      <TextField form={form} name="note" label="Note" hint="What it shows; optional." multiline rows={2} />
    </Form>
  );
}

/** A comment is a passage of its own: marked anew even where another passage has the same words. */
function CommentOnPassage({ doc, span, onClose }: DialogProps) {
  const form = useFormState({ comment: '' });
  const save = () => {
    const comment = form.values.comment.trim();
    if (!comment) return refuse('comment', 'Write the comment.');
    const page = pageAt(doc.pages, span.start);
    return api.invoke('excerpts.create', { documentId: doc.id, start: span.start, end: span.end, comment, ...(page ? { page } : {}) });
  };
  return (
    <Form label={TITLES.comment} submitLabel="Save comment" onSubmit={save} onDone={onClose} onCancel={onClose}>
      <Passage text={doc.text.slice(span.start, span.end)} />
      <TextField form={form} name="comment" label="Comment" hint="Shown with the passage, and when the pointer rests on it." multiline rows={3} required />
    </Form>
  );
}
