import { Section } from '../../components/Section';
import { useNavigation } from '../../navigation';

/** The notes and drafts that cite this claim; each opens in the Notes view. */
export function CitedIn({ caseId, notes }: { caseId: string; notes: { noteId: string; title: string }[] }) {
  const nav = useNavigation();
  return (
    <Section title="Cited in" count={notes.length} empty="No note or draft cites this claim yet.">
      <ul className="cards">
        {notes.map((n) => (
          <li key={n.noteId} className="card card-compact">
            <button type="button" className="link card-title" onClick={() => nav.openNote(n.noteId, caseId)}>
              {n.title}
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
