import { useEffect, useRef, useState } from 'react';
import type { Excerpt } from '../../../../db/types';
import { api } from '../../api';
import { DetailHeader } from '../../components/DetailHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, TagsFact } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useFocusOnLoad } from '../../components/useFocusOnLoad';
import { useMoveToTrash } from '../../components/useMoveToTrash';
import { useQuery } from '../../data';
import { formatPartialDate, formatTimestamp } from '../../format';
import { DOCUMENT_KIND_LABELS } from '../../labels';
import { NOTHING, useNavigation, type TextSpan } from '../../navigation';
import { NewVersionDialog } from './NewVersionDialog';
import { PassageDialog } from './PassageDialogs';
import { ProposalsPanel } from './ProposalsPanel';
import { excerptDomId, MATCH_DOM_ID, Reader, showMark, type PassageAction } from './Reader';
import { ChangedBy } from '../desk/ChangedBy';

const short = (text: string, max = 240) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** One document: where it comes from, the passages marked in it, and its text to read and mark. */
export function DocumentDetail({ documentId, focus, anchor, at }: { documentId: string; focus: boolean; anchor: string | null; at: TextSpan | null }) {
  const nav = useNavigation();
  const detail = useQuery('documents.get', { id: documentId });
  const trash = useMoveToTrash();
  const heading = useFocusOnLoad(focus && !!detail.data && !anchor && !at);
  const loaded = !!detail.data;
  const [proposing, setProposing] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [passage, setPassage] = useState<{ action: PassageAction; span: TextSpan } | null>(null);
  // Where the focus goes back to once a dialog has closed (the dialog leaves the page before it
  // closes, so the browser does not restore it): the text, or the button that opened it.
  const returnFocus = useRef<string | null>(null);
  useEffect(() => {
    if (passage || replacing || !returnFocus.current) return;
    document.querySelector<HTMLElement>(`.document ${returnFocus.current}`)?.focus({ preventScroll: true });
    returnFocus.current = null;
  }, [passage, replacing]);

  // Opened at a passage (from search or a claim's evidence) or at a search match: go to it once the text is there.
  const atKey = at ? `${at.start}:${at.end}` : null;
  useEffect(() => {
    if (!loaded) return;
    if (anchor) showMark(excerptDomId(anchor));
    else if (atKey) showMark(MATCH_DOM_ID);
  }, [loaded, anchor, atKey]);

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading what="the document" />;
  const { document: doc, excerpts } = detail.data;
  const live = excerpts.filter((x) => !x.orphanedAt);
  const orphans = excerpts.filter((x) => x.orphanedAt);
  const trashed = !!doc.deletedAt;

  const onPassage = (action: PassageAction, span: TextSpan) => setPassage({ action, span });
  const moveToTrash = async () => {
    if (await trash.move(() => api.invoke('documents.delete', { id: doc.id }), `“${doc.title}”`)) nav.selectDocument(NOTHING);
  };

  return (
    <article className="detail document" aria-labelledby="document-title">
      <DetailHeader
        kicker={
          <>
            <span className="kind">{DOCUMENT_KIND_LABELS[doc.kind]}</span>
            {doc.pages && <span className="badge">{doc.pages.length.toLocaleString()} pages</span>}
            {doc.deletedAt && <span className="badge">In the trash</span>}
          </>
        }
        titleId="document-title"
        title={doc.title}
        headingRef={heading}
        actions={
          <>
            <button
              type="button"
              className="button"
              onClick={() => setProposing((v) => !v)}
              aria-pressed={proposing}
              disabled={trashed || !doc.text}
            >
              Propose claims from this document
            </button>
            <button type="button" className="button" onClick={() => nav.selectDocument({ mode: 'edit', id: doc.id })} disabled={trashed}>
              Edit details
            </button>
            <button type="button" className="button danger-quiet" onClick={moveToTrash} disabled={trash.busy}>
              Move to trash
            </button>
          </>
        }
        error={trash.error}
      />

      <ChangedBy caseId={doc.caseId} record={doc} />

      <dl className="facts">
        {doc.author && <Fact label="Author">{doc.author}</Fact>}
        {doc.publisher && <Fact label="Publisher">{doc.publisher}</Fact>}
        <Fact label="Published">{formatPartialDate(doc.publishedOn) || 'Not recorded'}</Fact>
        {doc.url && (
          <Fact label="Web address">
            <a href={doc.url} target="_blank" rel="noreferrer noopener" className="url">
              {doc.url}
            </a>
          </Fact>
        )}
        {doc.retrievedAt && <Fact label="Retrieved">{doc.retrievedAt.length > 10 ? formatTimestamp(doc.retrievedAt) : formatPartialDate(doc.retrievedAt)}</Fact>}
        {doc.fileName && <Fact label="File">{doc.fileName}</Fact>}
        <TagsFact tags={doc.tags} />
      </dl>

      <Section title="Passages" count={live.length} empty="No passage of this document is marked yet: select words in the text below.">
        <PassageCards excerpts={live} onShow={(x) => showMark(excerptDomId(x.id))} />
      </Section>

      {orphans.length > 0 && (
        <section className="detail-section orphans" aria-labelledby="orphans-heading">
          <div className="section-heading">
            <h3 id="orphans-heading">
              Passages not in the current text <span className="count">{orphans.length}</span>
            </h3>
          </div>
          <p className="muted">
            A new version of the text no longer holds these words, so they are not marked in it. They are kept as they were quoted, with
            what cites them.
          </p>
          <PassageCards excerpts={orphans} />
        </section>
      )}

      {proposing ? (
        <ProposalsPanel doc={doc} onClose={() => setProposing(false)} />
      ) : (
        <section className="detail-section" aria-labelledby="document-text-heading">
          <div className="section-heading">
            <h3 id="document-text-heading">Text</h3>
            {doc.text && <span className="muted section-note">{doc.text.length.toLocaleString()} characters</span>}
            <button type="button" className="button small replace-text" onClick={() => setReplacing(true)} disabled={trashed}>
              New version of the text…
            </button>
          </div>
          {doc.text ? (
            <Reader doc={doc} excerpts={excerpts} match={at} onAction={trashed ? undefined : onPassage} />
          ) : (
            <p className="muted">This document has no text.</p>
          )}
        </section>
      )}

      {passage && (
        <PassageDialog
          action={passage.action}
          span={passage.span}
          doc={doc}
          excerpts={excerpts}
          onClose={() => {
            returnFocus.current = '.reader';
            setPassage(null);
          }}
        />
      )}
      {replacing && (
        <NewVersionDialog
          doc={doc}
          onClose={() => {
            returnFocus.current = '.replace-text';
            setReplacing(false);
          }}
        />
      )}
    </article>
  );
}

function PassageCards({ excerpts, onShow }: { excerpts: Excerpt[]; onShow?: (x: Excerpt) => void }) {
  return (
    <ul className="cards">
      {excerpts.map((x) => (
        <li key={x.id} className="card">
          {onShow ? (
            <button type="button" className="link excerpt-link" onClick={() => onShow(x)}>
              “{short(x.exact)}”
            </button>
          ) : (
            <span className="excerpt">“{short(x.exact)}”</span>
          )}
          {(x.locator || x.page) && <p className="locator">{x.locator || `p. ${x.page}`}</p>}
          {x.comment && <p className="card-note">{x.comment}</p>}
        </li>
      ))}
    </ul>
  );
}
