// "Propose claims from this document": every quotation the library found in the text, beside
// the sentence it sits in, with who said it as the library understood them (name, person or
// organisation, role, organisation) and the source on file that speaker is. The reporter keeps,
// edits or rejects them, then creates the kept ones in one go (all or none); the ones left out
// are remembered as rejected, and those already claims say so.

import { useId, useState } from 'react';
import type { Input, Output } from '../../../../core/api';
import type { DocumentRecord, SourceKind } from '../../../../db/types';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Found } from '../../components/FindBox';
import { Loading } from '../../components/Loading';
import { RecordPicker } from '../../components/RecordPicker';
import { useAction, useQuery } from '../../data';
import { isPartialDate } from '../../format';
import { useNavigation } from '../../navigation';

type Proposal = Output<'documents.proposeClaims'>[number];
type Item = Input<'documents.acceptProposals'>['items'][number];

/** The source to create, as the library understood the speaker and the reporter edited it. */
interface NewSource {
  kind: 'new';
  name: string;
  sourceKind: SourceKind;
  role: string;
  affiliation: string;
  /** The text describes the speaker without naming them: the source is named by the description. */
  unnamed: boolean;
  /** The reporter chose to create it although a source on file looks the same. */
  anyway: boolean;
}

type Who = { kind: 'existing'; source: Found | null } | NewSource | { kind: 'none' };

interface Choice {
  keep: boolean;
  statement: string;
  saidOn: string;
  who: Who;
}

const keyOf = (p: Proposal) => `${p.start}:${p.end}`;
const DATE_HINT = 'YYYY, YYYY-MM or YYYY-MM-DD';

function asFound(source: { id: string; name: string }): Found {
  return { type: 'source', id: source.id, caseId: null, title: source.name, subtitle: '' };
}

function newSourceOf(p: Proposal, anyway = false): NewSource {
  const d = p.speakerDetail;
  return {
    kind: 'new',
    name: d?.name ?? d?.description ?? p.speaker ?? '',
    sourceKind: d?.kind ?? 'person',
    role: d?.role ?? p.role ?? '',
    affiliation: d?.kind === 'organisation' ? '' : (d?.affiliation ?? ''),
    unnamed: Boolean(d && !d.name),
    anyway,
  };
}

/** What the reporter starts from: keep what is neither a claim nor rejected, the matched source or a new one. */
function initialChoice(p: Proposal): Choice {
  const who: Who = p.source ? { kind: 'existing', source: asFound(p.source) } : p.speaker ? newSourceOf(p) : { kind: 'none' };
  return { keep: !p.claimed && !p.rejected, statement: p.quote, saidOn: '', who };
}

/** The request for one kept proposal. */
function itemOf(p: Proposal, c: Choice): Item {
  const statement = c.statement.trim();
  const { who } = c;
  const saidOn = c.saidOn.trim();
  return {
    start: p.start,
    end: p.end,
    quote: p.quote,
    ...(statement && statement !== p.quote ? { statement } : {}),
    ...(saidOn ? { saidOn } : {}),
    ...(who.kind === 'existing' && who.source ? { sourceId: who.source.id } : {}),
    ...(who.kind === 'new' && who.name.trim()
      ? {
          newSource: {
            name: who.name.trim(),
            kind: who.sourceKind,
            ...(who.role.trim() ? { role: who.role.trim() } : {}),
            ...(who.affiliation.trim() && who.sourceKind === 'person' ? { affiliation: who.affiliation.trim() } : {}),
            ...(who.unnamed ? { unnamed: true, description: who.name.trim() } : {}),
          },
          ...(who.anyway ? { createAnyway: true } : {}),
        }
      : {}),
  };
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
  if (who.kind === 'new') return who.name.trim() ? `new ${who.sourceKind === 'organisation' ? 'organisation' : 'source'}: ${who.name.trim()}` : 'a new source, not named yet';
  return 'no source';
}

/** How the library understood the speaker: "Bryce Pardo · person · drug policy researcher · RAND Corp. (on file)". */
function Speaker({ p }: { p: Proposal }) {
  const d = p.speakerDetail;
  if (!d) return <>{p.speaker ?? 'nobody named'}</>;
  return (
    <>
      <span className="proposal-speaker">{d.name ?? d.description ?? p.speaker}</span>
      <span className="muted"> · {d.name ? (d.kind === 'organisation' ? 'organisation' : 'person') : 'not named'}</span>
      {d.role && <span className="muted proposal-role"> · {d.role}</span>}
      {p.affiliation && (
        <span className="muted proposal-affiliation">
          {' '}
          · {p.affiliation.name}
          {p.affiliation.source ? ' (on file)' : ' (new organisation)'}
        </span>
      )}
    </>
  );
}

export function ProposalsPanel({ doc, onClose }: { doc: DocumentRecord; onClose: () => void }) {
  const nav = useNavigation();
  const proposals = useQuery('documents.proposeClaims', { documentId: doc.id });
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [outlet, setOutlet] = useState('');
  const [publishedOn, setPublishedOn] = useState('');
  const action = useAction();
  const ids = useId();
  const list = proposals.data ?? [];
  const choiceOf = (p: Proposal) => choices[keyOf(p)] ?? initialChoice(p);
  const change = (p: Proposal, patch: Partial<Choice>) => setChoices((all) => ({ ...all, [keyOf(p)]: { ...(all[keyOf(p)] ?? initialChoice(p)), ...patch } }));
  const open = list.filter((p) => !p.claimed);
  const kept = open.filter((p) => choiceOf(p).keep);
  // Left out now, and not rejected before: rejected when the kept ones are created.
  const dropped = open.filter((p) => !choiceOf(p).keep && !p.rejected);
  const claimed = list.length - open.length;
  const rejected = open.filter((p) => p.rejected).length;
  const batchDate = publishedOn.trim();
  const badBatchDate = batchDate !== '' && !isPartialDate(batchDate);
  const undated = kept.filter((p) => !doc.publishedOn && !batchDate && !choiceOf(p).saidOn.trim());
  const badDates = kept.filter((p) => choiceOf(p).saidOn.trim() && !isPartialDate(choiceOf(p).saidOn.trim()));
  const blocked = badBatchDate || undated.length > 0 || badDates.length > 0;

  const create = async () => {
    setOutcome(null);
    const items = kept.map((p) => itemOf(p, choiceOf(p)));
    const reject = dropped.map((p) => ({ start: p.start, end: p.end, quote: p.quote }));
    const result = await action.run(() =>
      api.invoke('documents.acceptProposals', {
        documentId: doc.id,
        items,
        ...(reject.length ? { reject } : {}),
        ...(outlet.trim() && !doc.publisher ? { outlet: outlet.trim() } : {}),
        ...(batchDate ? { publishedOn: batchDate } : {}),
      }),
    );
    if (!result) return;
    setChoices({});
    setEditing(null);
    const n = result.claims.length;
    const parts = [
      `Created ${n} ${n === 1 ? 'claim' : 'claims'}${result.sourcesCreated ? ` and ${result.sourcesCreated} new ${result.sourcesCreated === 1 ? 'source' : 'sources'}` : ''}`,
      result.rejected ? `${result.rejected} rejected` : '',
    ].filter(Boolean);
    setOutcome(`${parts.join('; ')}.`);
  };

  const unreject = (p: Proposal) =>
    action.run(() => api.invoke('documents.rejectProposals', { documentId: doc.id, passages: [{ start: p.start, end: p.end, quote: p.quote }], undo: true }));

  const createLabel = kept.length === 0 && dropped.length > 0 ? `Reject ${dropped.length}` : `Create ${kept.length} ${kept.length === 1 ? 'claim' : 'claims'}`;

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
          {(!doc.publisher || !doc.publishedOn) && (
            <fieldset className="proposals-published">
              <legend>Where and when was it published?</legend>
              <p className="field-hint">Each claim records where and when it was said. The document does not say; what you give here is saved on it too.</p>
              {!doc.publisher && (
                <div className="field">
                  <label htmlFor={`${ids}-outlet`}>Outlet</label>
                  <input id={`${ids}-outlet`} type="text" value={outlet} onChange={(e) => setOutlet(e.target.value)} placeholder="e.g. The Washington Post" />
                </div>
              )}
              {!doc.publishedOn && (
                <div className="field">
                  <label htmlFor={`${ids}-date`}>Published on</label>
                  <input
                    id={`${ids}-date`}
                    type="text"
                    value={publishedOn}
                    onChange={(e) => setPublishedOn(e.target.value)}
                    placeholder="e.g. 2021-12-10"
                    aria-describedby={`${ids}-date-hint`}
                    aria-invalid={badBatchDate}
                  />
                  <p className="field-hint" id={`${ids}-date-hint`}>
                    {DATE_HINT}. The date of every claim that has none of its own (Edit a proposal to give it one).
                  </p>
                </div>
              )}
            </fieldset>
          )}
          <div className="proposals-tools">
            <p className="muted">
              {list.length} {list.length === 1 ? 'quotation' : 'quotations'} with who said them
              {claimed ? `; ${claimed} already ${claimed === 1 ? 'is a claim' : 'are claims'}` : ''}
              {rejected ? `; ${rejected} rejected` : ''}. Keep the ones worth recording; those left unticked are rejected when you create the rest.
            </p>
            <button type="button" className="button small" onClick={() => setChoices(Object.fromEntries(open.map((p) => [keyOf(p), { ...choiceOf(p), keep: !p.rejected }])))}>
              Select all
            </button>
            <button type="button" className="button small" onClick={() => setChoices(Object.fromEntries(open.map((p) => [keyOf(p), { ...choiceOf(p), keep: false }])))}>
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
                onOpenClaim={() => p.claimId && nav.openClaim(doc.caseId, p.claimId)}
                onUnreject={() => void unreject(p)}
                busy={action.busy}
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
        {blocked && kept.length > 0 && (
          <p className="proposals-blocked" id={`${ids}-blocked`}>
            {badBatchDate || badDates.length
              ? `A date is written ${DATE_HINT}.`
              : `${undated.length === 1 ? 'One claim has' : `${undated.length} claims have`} no date: give the date it was published above, or one for each claim.`}
          </p>
        )}
        {list.length > 0 && (
          <button
            type="button"
            className="button primary"
            disabled={(kept.length === 0 && dropped.length === 0) || blocked || action.busy}
            aria-describedby={blocked ? `${ids}-blocked` : undefined}
            onClick={create}
          >
            {action.busy ? 'Saving…' : createLabel}
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
  onOpenClaim: () => void;
  onUnreject: () => void;
  busy: boolean;
}

/** A source on file with the same name, or a close one: the reporter uses it or creates a new one anyway. */
function LikelyDuplicate({ p, who, onChange }: { p: Proposal; who: Who; onChange: (who: Who) => void }) {
  const onFile = p.source ?? p.similar[0];
  if (!onFile || who.kind === 'none' || (who.kind === 'existing' && who.source?.id !== onFile.id)) return null;
  const using = who.kind === 'existing';
  const said = p.source ? 'Already on file' : 'Possibly already on file';
  return (
    <div className={`proposal-duplicate${using ? '' : ' proposal-duplicate-open'}`} role="group" aria-label={`${said}: ${onFile.name}`}>
      <span>
        {said}: <strong>{onFile.name}</strong>
        {onFile.kind === 'organisation' ? ' (organisation)' : ''}
      </span>
      <button type="button" className="button small" aria-pressed={using} onClick={() => onChange({ kind: 'existing', source: asFound(onFile) })}>
        Use this source
      </button>
      <button type="button" className="button small" aria-pressed={!using} onClick={() => onChange(who.kind === 'new' ? { ...who, anyway: true } : newSourceOf(p, true))}>
        Create anyway
      </button>
    </div>
  );
}

function ProposalItem({ n, p, text, choice, onChange, editing, onEdit, onOpenClaim, onUnreject, busy }: ItemProps) {
  const id = useId();
  const { who } = choice;
  const short = p.quote.length > 90 ? `${p.quote.slice(0, 90)}…` : p.quote;
  const setNew = (patch: Partial<NewSource>) => who.kind === 'new' && onChange({ who: { ...who, ...patch } });
  const classes = ['proposal', choice.keep && !p.claimed ? 'proposal-kept' : '', p.claimed ? 'proposal-claimed' : '', p.rejected ? 'proposal-rejected' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes}>
      <div className="proposal-head">
        {p.claimed ? (
          <span className="proposal-label">
            <span className="visually-hidden">Quotation {n}: </span>“{short}”
          </span>
        ) : (
          <>
            <input id={`${id}-keep`} type="checkbox" checked={choice.keep} onChange={(e) => onChange({ keep: e.target.checked })} aria-describedby={`${id}-who`} />
            <label htmlFor={`${id}-keep`} className="proposal-label">
              <span className="visually-hidden">Quotation {n}: </span>“{short}”
            </label>
          </>
        )}
        {p.claimed && (
          <>
            <span className="badge">Already a claim</span>
            <button type="button" className="button small" onClick={onOpenClaim}>
              Open the claim
            </button>
          </>
        )}
        {p.rejected && (
          <>
            <span className="badge badge-rejected">Rejected</span>
            <button type="button" className="button small" onClick={onUnreject} disabled={busy}>
              Take back the rejection
            </button>
          </>
        )}
      </div>
      <InContext p={p} text={text} />
      <div className="proposal-who" id={`${id}-who`}>
        <span>
          <span className="label">Said by</span> <Speaker p={p} />
        </span>
        {!p.claimed && (
          <>
            <span>
              <span className="label">Claim source</span> {whoSays(who)}
            </span>
            <button type="button" className="button small" onClick={onEdit} aria-expanded={editing} aria-controls={`${id}-edit`}>
              Edit
            </button>
          </>
        )}
      </div>
      {!p.claimed && <LikelyDuplicate p={p} who={who} onChange={(w) => onChange({ who: w })} />}
      {!p.claimed && choice.statement !== p.quote && !editing && (
        <p className="proposal-statement">
          <span className="label">Statement</span> {choice.statement}
        </p>
      )}
      {editing && !p.claimed && (
        <div className="proposal-edit" id={`${id}-edit`}>
          <div className="field">
            <label htmlFor={`${id}-statement`}>Statement</label>
            <textarea id={`${id}-statement`} rows={2} value={choice.statement} onChange={(e) => onChange({ statement: e.target.value })} aria-describedby={`${id}-statement-hint`} />
            <p className="field-hint" id={`${id}-statement-hint`}>
              The claim in your words; the quotation itself stays verbatim.
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-said`}>Said on</label>
            <input id={`${id}-said`} type="text" value={choice.saidOn} onChange={(e) => onChange({ saidOn: e.target.value })} placeholder="the date it was published" aria-describedby={`${id}-said-hint`} />
            <p className="field-hint" id={`${id}-said-hint`}>
              {DATE_HINT}; left empty, the date the document was published.
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
              <input type="radio" name={`${id}-who`} checked={who.kind === 'new'} onChange={() => onChange({ who: newSourceOf(p) })} />
              A new source
            </label>
            {who.kind === 'new' && (
              <div className="proposal-new-source">
                <div className="field">
                  <label htmlFor={`${id}-new`}>Name of the new source</label>
                  <input id={`${id}-new`} type="text" value={who.name} onChange={(e) => setNew({ name: e.target.value })} />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-kind`}>Kind</label>
                  <select id={`${id}-kind`} value={who.sourceKind} onChange={(e) => setNew({ sourceKind: e.target.value as SourceKind })}>
                    <option value="person">Person</option>
                    <option value="organisation">Organisation</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-role`}>Role</label>
                  <input id={`${id}-role`} type="text" value={who.role} onChange={(e) => setNew({ role: e.target.value })} />
                </div>
                {who.sourceKind === 'person' && (
                  <div className="field">
                    <label htmlFor={`${id}-org`}>Organisation</label>
                    <input id={`${id}-org`} type="text" value={who.affiliation} onChange={(e) => setNew({ affiliation: e.target.value })} aria-describedby={`${id}-org-hint`} />
                    <p className="field-hint" id={`${id}-org-hint`}>
                      Linked to the organisation on file of that name, or created as one.
                    </p>
                  </div>
                )}
                <label className="checkbox">
                  <input type="checkbox" checked={who.unnamed} onChange={(e) => setNew({ unnamed: e.target.checked })} /> Not named in the text (the name above describes them)
                </label>
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
