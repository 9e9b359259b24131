// "Propose claims from this document": every quotation the library found in the text, beside
// the sentence it sits in, with who said it and the source on file that speaker most likely is.
// The reporter keeps, edits or drops them, then creates the kept ones in one go (all or none).

import { useId, useState } from 'react';
import type { Output } from '../../../../core/api';
import type { DocumentRecord } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Found } from '../../components/FindBox';
import { Loading } from '../../components/Loading';
import { RecordPicker } from '../../components/RecordPicker';
import { useAction, useQuery } from '../../data';
import { useNavigation } from '../../navigation';

type Proposal = Output<'documents.proposeClaims'>[number];

type Who = { kind: 'existing'; source: Found | null } | { kind: 'new'; name: string } | { kind: 'none' };

interface Choice {
  keep: boolean;
  statement: string;
  who: Who;
}

const keyOf = (p: Proposal) => `${p.start}:${p.end}`;

function asFound(source: { id: string; name: string }): Found {
  return { type: 'source', id: source.id, caseId: null, title: source.name, subtitle: '' };
}

/** What the reporter starts from: keep what is not claimed yet, the quote as the statement, the matched source or a new one. */
function initialChoice(p: Proposal): Choice {
  const who: Who = p.source ? { kind: 'existing', source: asFound(p.source) } : p.speaker ? { kind: 'new', name: p.speaker } : { kind: 'none' };
  return { keep: !p.claimed, statement: p.quote, who };
}

/** The sentence with the quotation in it marked; the text around the quote when the sentence cannot be placed. */
function InContext({ p, text }: { p: Proposal; text: string }) {
  const at = text.lastIndexOf(p.sentence, p.start);
  const placed = at >= 0 && at + p.sentence.length >= p.end;
  const from = placed ? at : Math.max(0, p.start - 160);
  const to = placed ? at + p.sentence.length : Math.min(text.length, p.end + 160);
  return (
    <p className="proposal-sentence">
      {from > 0 && !placed && '…'}
      {text.slice(from, p.start)}
      <mark>{text.slice(p.start, p.end)}</mark>
      {text.slice(p.end, to)}
      {to < text.length && !placed && '…'}
    </p>
  );
}

function whoSays(who: Who): string {
  if (who.kind === 'existing') return who.source ? `${who.source.title} (on file)` : 'a source on file, not chosen yet';
  if (who.kind === 'new') return who.name.trim() ? `new source: ${who.name.trim()}` : 'a new source, not named yet';
  return 'no source';
}

export function ProposalsPanel({ doc, onClose }: { doc: DocumentRecord; onClose: () => void }) {
  const nav = useNavigation();
  const proposals = useQuery('documents.proposeClaims', { documentId: doc.id });
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const action = useAction();
  const list = proposals.data ?? [];
  const choiceOf = (p: Proposal) => choices[keyOf(p)] ?? initialChoice(p);
  const change = (p: Proposal, patch: Partial<Choice>) => setChoices((all) => ({ ...all, [keyOf(p)]: { ...(all[keyOf(p)] ?? initialChoice(p)), ...patch } }));
  const kept = list.filter((p) => choiceOf(p).keep);
  const claimed = list.filter((p) => p.claimed).length;

  const create = async () => {
    setOutcome(null);
    const items = kept.map((p) => {
      const c = choiceOf(p);
      const statement = c.statement.trim();
      return {
        start: p.start,
        end: p.end,
        quote: p.quote,
        ...(statement && statement !== p.quote ? { statement } : {}),
        ...(c.who.kind === 'existing' && c.who.source ? { sourceId: c.who.source.id } : {}),
        ...(c.who.kind === 'new' && c.who.name.trim() ? { newSourceName: c.who.name.trim() } : {}),
      };
    });
    const result = await action.run(() => api.invoke('documents.acceptProposals', { documentId: doc.id, items }));
    if (!result) return;
    setChoices({});
    setEditing(null);
    const n = result.claims.length;
    setOutcome(
      `Created ${n} ${n === 1 ? 'claim' : 'claims'}${result.sourcesCreated ? ` and ${result.sourcesCreated} new ${result.sourcesCreated === 1 ? 'source' : 'sources'}` : ''}, each anchored by its quotation in the text.`,
    );
  };

  return (
    <section className="detail-section proposals" aria-labelledby="proposals-heading">
      <div className="section-heading">
        <h3 id="proposals-heading">
          Proposed claims {proposals.data && <span className="count">{list.length}</span>}
        </h3>
        <button type="button" className="button small" onClick={onClose}>
          Back to the text
        </button>
      </div>
      <ErrorAlert error={proposals.error} />
      {!proposals.data && !proposals.error && <Loading what="the quotations" />}
      {proposals.data && list.length === 0 && <p className="muted">No quotation was found in this text: nobody is quoted in it, or not in quotation marks.</p>}
      {list.length > 0 && (
        <>
          <div className="proposals-tools">
            <p className="muted">
              {list.length} {list.length === 1 ? 'quotation' : 'quotations'} with who said them
              {claimed ? `; ${claimed} already ${claimed === 1 ? 'is a claim' : 'are claims'}` : ''}. Keep the ones worth recording.
            </p>
            <button type="button" className="button small" onClick={() => setChoices(Object.fromEntries(list.map((p) => [keyOf(p), { ...choiceOf(p), keep: true }])))}>
              Select all
            </button>
            <button type="button" className="button small" onClick={() => setChoices(Object.fromEntries(list.map((p) => [keyOf(p), { ...choiceOf(p), keep: false }])))}>
              Select none
            </button>
          </div>
          <ol className="proposal-list">
            {list.map((p, i) => (
              <ProposalItem
                key={keyOf(p)}
                n={i + 1}
                p={p}
                text={doc.text}
                choice={choiceOf(p)}
                onChange={(patch) => change(p, patch)}
                editing={editing === keyOf(p)}
                onEdit={() => setEditing(editing === keyOf(p) ? null : keyOf(p))}
              />
            ))}
          </ol>
        </>
      )}
      <div className="proposals-footer">
        <ErrorAlert error={action.error} />
        <p role="status" className="proposals-outcome">
          {outcome}
          {outcome && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => nav.showView('claims')}>
                Show the claims
              </button>
            </>
          )}
        </p>
        {list.length > 0 && (
          <button type="button" className="button primary" disabled={kept.length === 0 || action.busy} onClick={create}>
            {action.busy ? 'Creating…' : `Create ${kept.length} ${kept.length === 1 ? 'claim' : 'claims'}`}
          </button>
        )}
      </div>
    </section>
  );
}

interface ItemProps {
  n: number;
  p: Proposal;
  text: string;
  choice: Choice;
  onChange: (patch: Partial<Choice>) => void;
  editing: boolean;
  onEdit: () => void;
}

function ProposalItem({ n, p, text, choice, onChange, editing, onEdit }: ItemProps) {
  const id = useId();
  const { who } = choice;
  const short = p.quote.length > 90 ? `${p.quote.slice(0, 90)}…` : p.quote;
  return (
    <li className={`proposal${choice.keep ? ' proposal-kept' : ''}${p.claimed ? ' proposal-claimed' : ''}`}>
      <div className="proposal-head">
        <input id={`${id}-keep`} type="checkbox" checked={choice.keep} onChange={(e) => onChange({ keep: e.target.checked })} aria-describedby={`${id}-who`} />
        <label htmlFor={`${id}-keep`} className="proposal-label">
          <span className="visually-hidden">Quotation {n}: </span>“{short}”
        </label>
        {p.claimed && <span className="badge">Already a claim</span>}
      </div>
      <InContext p={p} text={text} />
      <div className="proposal-who" id={`${id}-who`}>
        <span>
          <span className="label">Said by</span> {p.speaker ?? 'nobody named'}
          {p.role && <span className="muted"> · {p.role}</span>}
        </span>
        <span>
          <span className="label">Claim source</span> {whoSays(who)}
        </span>
        <button type="button" className="button small" onClick={onEdit} aria-expanded={editing} aria-controls={`${id}-edit`}>
          Edit
        </button>
      </div>
      {choice.statement !== p.quote && !editing && (
        <p className="proposal-statement">
          <span className="label">Statement</span> {choice.statement}
        </p>
      )}
      {editing && (
        <div className="proposal-edit" id={`${id}-edit`}>
          <div className="field">
            <label htmlFor={`${id}-statement`}>Statement</label>
            <textarea id={`${id}-statement`} rows={2} value={choice.statement} onChange={(e) => onChange({ statement: e.target.value })} aria-describedby={`${id}-statement-hint`} />
            <p className="field-hint" id={`${id}-statement-hint`}>
              The claim in your words; the quotation itself stays verbatim.
            </p>
          </div>
          <fieldset className="field proposal-source">
            <legend>Source</legend>
            <label className="radio">
              <input type="radio" name={`${id}-who`} checked={who.kind === 'existing'} onChange={() => onChange({ who: { kind: 'existing', source: p.source ? asFound(p.source) : null } })} />
              A source on file
            </label>
            {who.kind === 'existing' && (
              <RecordPicker label="Source on file" types={['source']} value={who.source} onChange={(source) => onChange({ who: { kind: 'existing', source } })} placeholder="Type a few letters of a name…" />
            )}
            <label className="radio">
              <input type="radio" name={`${id}-who`} checked={who.kind === 'new'} onChange={() => onChange({ who: { kind: 'new', name: p.speaker ?? '' } })} />
              A new source
            </label>
            {who.kind === 'new' && (
              <div className="field">
                <label htmlFor={`${id}-new`}>Name of the new source</label>
                <input id={`${id}-new`} type="text" value={who.name} onChange={(e) => onChange({ who: { kind: 'new', name: e.target.value } })} />
              </div>
            )}
            <label className="radio">
              <input type="radio" name={`${id}-who`} checked={who.kind === 'none'} onChange={() => onChange({ who: { kind: 'none' } })} />
              No source
            </label>
          </fieldset>
        </div>
      )}
    </li>
  );
}
