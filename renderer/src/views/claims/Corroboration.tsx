import { useNavigation } from '../../navigation';
import type { ClaimDetailData } from './types';

type Corroboration = ClaimDetailData['corroboration'];

function describe(count: number): string {
  if (count === 0) return 'No independent support';
  if (count === 1) return 'One source only';
  return `${count} independent sources`;
}

/**
 * How many independent sources back the claim: its own sources, those of claims that support
 * it, and supporting documents from no source already counted. Two or more is corroborated.
 */
export function CorroborationBadge({ corroboration }: { corroboration: Corroboration }) {
  const strong = corroboration.count >= 2;
  return (
    <span className={`badge corroboration ${strong ? 'corroboration-strong' : 'corroboration-weak'}`} title="Independent sources that support this claim">
      <span aria-hidden="true" className="badge-glyph">
        {strong ? '◆◆' : '◇'}
      </span>
      {describe(corroboration.count)}
    </span>
  );
}

/** The independent sources and documents behind the count, each a link to its record. */
export function CorroborationFacts({ corroboration, caseId, ownSourceIds }: { corroboration: Corroboration; caseId: string; ownSourceIds: string[] }) {
  const nav = useNavigation();
  const { sources, documents } = corroboration;
  return (
    <>
      <dt>Corroborated by</dt>
      <dd>
        {sources.length + documents.length === 0 ? (
          <span className="muted">Nothing independent yet: link supporting evidence or claims below.</span>
        ) : (
          <ul className="inline-list" aria-label="Independent supporters">
            {sources.map((s) => (
              <li key={s.id}>
                {ownSourceIds.includes(s.id) ? (
                  // Already a link in Sources above.
                  <>
                    {s.name} <span className="muted">(its source)</span>
                  </>
                ) : (
                  <button type="button" className="link" onClick={() => nav.openSource(s.id)}>
                    {s.name}
                  </button>
                )}
              </li>
            ))}
            {documents.map((d) => (
              <li key={d.id}>
                <button type="button" className="link" onClick={() => nav.openDocument(caseId, d.id)}>
                  {d.title}
                </button>{' '}
                <span className="muted">(document)</span>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}
