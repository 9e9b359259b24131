import type { ReactNode, Ref } from 'react';
import { ErrorAlert } from './ErrorAlert';

interface DetailHeaderProps {
  /** Badges above the title: kind, status, "In the trash". */
  kicker: ReactNode;
  /** The heading's id: the article is labelled by it, and Enter in the list focuses it. */
  titleId: string;
  title: ReactNode;
  /** The heading, for focusing once the record has loaded. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** A line under the title: a role, or when and how a claim was made. */
  subtitle?: ReactNode;
  actions: ReactNode;
  /** Why an action failed, shown under the actions. */
  error?: unknown;
}

/** The top of a record's detail: what it is, its title, and what can be done with it. */
export function DetailHeader({ kicker, titleId, title, headingRef, subtitle, actions, error }: DetailHeaderProps) {
  return (
    <header className="detail-header">
      <div className="detail-kicker">{kicker}</div>
      <h2 id={titleId} className="detail-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {subtitle}
      <div className="detail-actions">{actions}</div>
      <ErrorAlert error={error} />
    </header>
  );
}
