import { DemoButton } from './DemoButton';
import { NewCaseButton } from './NewCaseButton';
import './cases.css';

/** The empty library: what a case is, and the two ways to start. */
export function Welcome() {
  return (
    <div className="welcome">
      <h1>Your case file is empty</h1>
      <p>
        A <strong>case</strong> holds one investigation: the claims your sources make, the evidence for and against each,
        and how you checked them. Sources are kept library-wide, so a source you record once can be quoted in every case.
      </p>
      <div className="welcome-actions">
        <NewCaseButton label="Start a case" className="primary" />
        <DemoButton />
      </div>
      <p className="muted">The demo case, “Precursor pipeline”, is a worked example you can explore and then delete.</p>
      <p className="muted">
        Corroborate is made for the keyboard: press <kbd>C</kbd> to start a case, <kbd>?</kbd> for every shortcut.
      </p>
    </div>
  );
}
