import { useState } from 'react';
import type { Input, Output } from '../../../../core/api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DetailHeader } from '../../components/DetailHeader';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { closeOnEscape } from '../../components/panes';
import { RowContent, VirtualListbox } from '../../components/VirtualListbox';
import { useAction, useQuery } from '../../data';
import { formatTimestamp } from '../../format';
import { NOTHING, selectedId, useNavigation } from '../../navigation';
import { useToast } from '../../toast';

type CaseSummary = Output<'cases.list'>[number];
type TrashItem = Output<'trash.list'>[number];
type Entity = Input<'trash.restore'>['entity'];

const ROW_HEIGHT = 64;

const ENTITY_LABELS: Record<Entity, string> = {
  case: 'Case',
  source: 'Source',
  claim: 'Claim',
  document: 'Document',
  excerpt: 'Passage',
  evidence: 'Evidence link',
  claimLink: 'Link between claims',
  reply: 'Right-of-reply entry',
  note: 'Note',
  event: 'Event',
};

const keyOf = (t: TrashItem) => `${t.entity}:${t.entityId}`;

/** What was deleted, newest first: each can be restored, or purged for good. */
export function TrashView({ cases }: { cases: CaseSummary[] }) {
  const nav = useNavigation();
  const trash = useQuery('trash.list', {});
  const [emptying, setEmptying] = useState(false);
  const { notify } = useToast();
  const items = trash.data ?? [];
  const selection = nav.trash;
  const current = items.find((t) => keyOf(t) === selectedId(selection));
  const caseTitle = (id: string | null) => (id ? (cases.find((c) => c.id === id)?.title ?? 'A case in the trash') : 'Library-wide');

  return (
    <div className="panes">
      <section className="list-pane" aria-labelledby="trash-heading">
        <header className="pane-header">
          <h1 className="case-title">Trash</h1>
          <p className="case-description">Everything deleted, from every case. Restore brings a record back as it was.</p>
          <div className="toolbar">
            <h2 id="trash-heading">
              In the trash {trash.data && <span className="count">{items.length}</span>}
            </h2>
            {items.length > 0 && (
              <button type="button" className="button danger-quiet" onClick={() => setEmptying(true)}>
                Empty trash…
              </button>
            )}
          </div>
        </header>
        <ErrorAlert error={trash.error} />
        {trash.loading && !trash.data && <Loading what="the trash" />}
        {trash.data &&
          (items.length > 0 ? (
            <VirtualListbox
              label="Trash"
              count={items.length}
              rowHeight={ROW_HEIGHT}
              singleLine
              idAt={(i) => (items[i] ? keyOf(items[i]) : undefined)}
              indexOf={(key) => items.findIndex((t) => keyOf(t) === key)}
              renderRow={(i) => {
                const t = items[i];
                if (!t) return null;
                return (
                  <RowContent
                    title={t.label}
                    meta={`${ENTITY_LABELS[t.entity as Entity] ?? t.entity} · ${caseTitle(t.caseId)} · deleted ${formatTimestamp(t.deletedAt)}`}
                  />
                );
              }}
              selectedId={selectedId(selection)}
              onSelect={(id) => nav.selectTrash({ mode: 'show', id })}
              onOpen={(id) => {
                nav.selectTrash({ mode: 'show', id });
                requestAnimationFrame(() => document.getElementById('trash-restore')?.focus());
              }}
              memoryKey="trash"
            />
          ) : (
            <EmptyState title="The trash is empty.">
              <p>Whatever you delete comes here first, and stays until you purge it. Ctrl/Cmd+Z undoes the last deletion.</p>
            </EmptyState>
          ))}
      </section>
      <section className="detail-pane" aria-label="Trash item" onKeyDown={closeOnEscape(() => nav.selectTrash(NOTHING), 'trash')}>
        {current ? (
          <TrashDetail item={current} caseTitle={caseTitle(current.caseId)} onGone={() => nav.selectTrash(NOTHING)} />
        ) : (
          <EmptyState title="Nothing chosen.">
            <p>Choose an item to restore it or to delete it for good.</p>
          </EmptyState>
        )}
      </section>
      {emptying && (
        <ConfirmDialog
          title="Empty the trash?"
          message={`All ${items.length} ${items.length === 1 ? 'item' : 'items'} in the trash, and everything inside them, will be deleted for good. This cannot be undone.`}
          confirmLabel="Delete all for good"
          onConfirm={() => api.invoke('trash.empty', {})}
          onDone={() => {
            setEmptying(false);
            nav.selectTrash(NOTHING);
            notify({ text: 'Emptied the trash: everything in it is deleted for good.' });
          }}
          onCancel={() => setEmptying(false)}
        />
      )}
    </div>
  );
}

function TrashDetail({ item, caseTitle, onGone }: { item: TrashItem; caseTitle: string; onGone: () => void }) {
  const nav = useNavigation();
  const restore = useAction();
  const { notify } = useToast();
  const [purging, setPurging] = useState(false);
  const what = ENTITY_LABELS[item.entity as Entity] ?? item.entity;
  const input = { entity: item.entity as Entity, id: item.entityId } as const;

  const bringBack = async () => {
    if ((await restore.run(() => api.invoke('trash.restore', input))) === undefined) return;
    onGone();
    notify({
      text: `Restored: ${item.label}.`,
      ...(openable(item)
        ? { action: { label: 'Open', run: () => openRestored(nav, item) } }
        : {}),
    });
  };

  return (
    <article className="detail" aria-labelledby="trash-title">
      <DetailHeader
        kicker={
          <>
            <span className="kind">{what}</span>
            <span className="badge">In the trash</span>
          </>
        }
        titleId="trash-title"
        title={item.label}
        actions={
          <>
            <button id="trash-restore" type="button" className="button primary" onClick={bringBack} disabled={restore.busy}>
              Restore
            </button>
            <button type="button" className="button danger-quiet" onClick={() => setPurging(true)}>
              Delete for good…
            </button>
          </>
        }
        error={restore.error}
      />
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{what}</dd>
        <dt>Case</dt>
        <dd>{caseTitle}</dd>
        <dt>Deleted</dt>
        <dd>{formatTimestamp(item.deletedAt)}</dd>
      </dl>
      {purging && (
        <ConfirmDialog
          title="Delete this for good?"
          message={`“${item.label}” and everything that hangs from it will be deleted permanently. This cannot be undone.`}
          confirmLabel="Delete for good"
          onConfirm={() => api.invoke('trash.purge', input)}
          onDone={() => {
            setPurging(false);
            onGone();
            notify({ text: `Deleted for good: ${item.label}.` });
          }}
          onCancel={() => setPurging(false)}
        />
      )}
    </article>
  );
}

function openable(item: TrashItem): boolean {
  return item.entity === 'source' || (item.caseId !== null && ['claim', 'document', 'note', 'case'].includes(item.entity));
}

function openRestored(nav: ReturnType<typeof useNavigation>, item: TrashItem): void {
  if (item.entity === 'source') nav.openSource(item.entityId);
  else if (!item.caseId) return;
  else if (item.entity === 'claim') nav.openClaim(item.caseId, item.entityId);
  else if (item.entity === 'document') nav.openDocument(item.caseId, item.entityId);
  else if (item.entity === 'note') nav.openNote(item.entityId, item.caseId);
  else if (item.entity === 'case') {
    nav.selectCase(item.caseId);
    nav.showView('claims');
  }
}
