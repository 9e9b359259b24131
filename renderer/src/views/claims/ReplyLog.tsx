import type { Reply } from '../../../../db/types';
import { formatTimestamp } from '../../format';
import { Section } from '../../components/Section';

/** Who was asked to respond to the claim, when and how, and what they said. */
export function ReplyLog({ replies }: { replies: Reply[] }) {
  return (
    <Section title="Right of reply" count={replies.length} empty="No one has been asked to respond to this claim yet.">
      <ul className="cards">
        {replies.map((r) => (
          <li key={r.id} className="card">
            <p className="card-title">{r.subject}</p>
            <p className="muted">
              Asked {formatTimestamp(r.contactedAt)}
              {r.channel && ` by ${r.channel}`}
            </p>
            {r.response ? (
              <>
                <blockquote className="excerpt">{r.response}</blockquote>
                {r.respondedAt && <p className="muted">Replied {formatTimestamp(r.respondedAt)}</p>}
              </>
            ) : (
              <p className="awaiting">No response yet.</p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
