import { useEffect, type ReactNode } from 'react';
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
import { NOTHING, useNavigation } from '../../navigation';

const excerptDomId = (id: string) => `excerpt-${id}`;

/** Brings a marked passage into view, flashes it and puts the focus on it. */
function showExcerpt(id: string): void {
  const mark = document.getElementById(excerptDomId(id));
  if (!mark) return;
  mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
  mark.classList.remove('flash');
  // Restart the animation even when the same passage is shown twice.
  void mark.offsetWidth;
  mark.classList.add('flash');
}

/** One document: where it comes from, the passages marked in it, and its text to read. */
export function DocumentDetail({ documentId, focus, anchor }: { documentId: string; focus: boolean; anchor: string | null }) {
  const nav = useNavigation();
  const detail = useQuery('documents.get', { id: documentId });
  const trash = useMoveToTrash();
  const heading = useFocusOnLoad(focus && !!detail.data && !anchor);
  const loaded = !!detail.data;

  // Opened at a passage (from search or a claim's evidence): go to it once the text is there.
  useEffect(() => {
    if (loaded && anchor) showExcerpt(anchor);
  }, [loaded, anchor]);

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loading what="the document" />;
  const { document: doc, excerpts } = detail.data;

  const moveToTrash = async () => {
    if (await trash.move(() => api.invoke('documents.delete', { id: doc.id }), `“${doc.title}”`)) nav.selectDocument(NOTHING);
  };

  return (
    <article className="detail document" aria-labelledby="document-title">
      <DetailHeader
        kicker={
          <>
            <span className="kind">{DOCUMENT_KIND_LABELS[doc.kind]}</span>
            {doc.deletedAt && <span className="badge">In the trash</span>}
          </>
        }
        titleId="document-title"
        title={doc.title}
        headingRef={heading}
        actions={
          <button type="button" className="button danger-quiet" onClick={moveToTrash} disabled={trash.busy}>
            Move to trash
          </button>
        }
        error={trash.error}
      />

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
        <TagsFact tags={doc.tags} />
      </dl>

      <Section title="Passages" count={excerpts.length} empty="No passage of this document is marked yet.">
        <ul className="cards">
          {excerpts.map((x) => (
            <li key={x.id} className="card">
              <button type="button" className="link excerpt-link" onClick={() => showExcerpt(x.id)}>
                “{x.exact}”
              </button>
              {(x.locator || x.page) && <p className="locator">{x.locator || `p. ${x.page}`}</p>}
              {x.comment && <p className="card-note">{x.comment}</p>}
            </li>
          ))}
        </ul>
      </Section>

      <section className="detail-section" aria-labelledby="document-text-heading">
        <div className="section-heading">
          <h3 id="document-text-heading">Text</h3>
        </div>
        {doc.text ? <div className="document-text">{withMarks(doc.text, excerpts)}</div> : <p className="muted">This document has no text.</p>}
      </section>
    </article>
  );
}

/** The text with each marked passage in a <mark> (a passage overlapping an earlier one is marked from where that one ends). */
function withMarks(text: string, excerpts: Excerpt[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const x of [...excerpts].sort((a, b) => a.start - b.start)) {
    const start = Math.max(x.start, at);
    if (x.end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <mark key={x.id} id={excerptDomId(x.id)} tabIndex={-1} className="passage">
        {text.slice(start, x.end)}
      </mark>,
    );
    at = x.end;
  }
  out.push(text.slice(at));
  return out;
}
