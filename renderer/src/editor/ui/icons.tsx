// The toolbar's icons: 16px strokes in the text colour, hidden from screen readers (every
// button has its own name).

import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const UndoIcon = () => (
  <Icon>
    <path d="M5.5 4 2.5 7l3 3" />
    <path d="M2.5 7h7a4 4 0 0 1 0 8H7" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="m10.5 4 3 3-3 3" />
    <path d="M13.5 7h-7a4 4 0 0 0 0 8H9" />
  </Icon>
);
export const BulletListIcon = () => (
  <Icon>
    <circle cx="3" cy="4" r=".8" fill="currentColor" />
    <circle cx="3" cy="8" r=".8" fill="currentColor" />
    <circle cx="3" cy="12" r=".8" fill="currentColor" />
    <path d="M6 4h8M6 8h8M6 12h8" />
  </Icon>
);
export const NumberListIcon = () => (
  <Icon>
    <path d="M2.5 2.5h1v3M2.3 5.5h2.2M2.3 9.2c.3-.5 2-.6 2 .3 0 .8-2 1.5-2 2.5h2.2" />
    <path d="M7 4h7M7 8h7M7 12h7" />
  </Icon>
);
export const QuoteIcon = () => (
  <Icon>
    <path d="M3 4v8M6.5 5h7M6.5 8h7M6.5 11h5" />
  </Icon>
);
export const LinkIcon = () => (
  <Icon>
    <path d="M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2l-.9.9" />
    <path d="M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8A3 3 0 0 0 7.2 13l.9-.9" />
  </Icon>
);
export const CiteIcon = () => (
  <Icon>
    <path d="M3 3h7l3 3v7H3z" />
    <path d="M5.5 8.5l1.7 1.7 3.3-3.4" />
  </Icon>
);
export const FindIcon = () => (
  <Icon>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3.5 3.5" />
  </Icon>
);
export const UncitedIcon = () => (
  <Icon>
    <path d="M2 4h12M2 8h7M2 12h9" />
    <circle cx="13" cy="11" r="2.2" />
  </Icon>
);
export const ResearchIcon = () => (
  <Icon>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M9.5 2.5v11" />
  </Icon>
);
