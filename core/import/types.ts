import type { DocumentKind, PageRange } from '../../db/index.js';

/** What an importer reads out of a file: its text, page ranges, and the metadata it carries. */
export interface ImportedText {
  text: string;
  pages: PageRange[] | null;
  mediaType: string;
  meta: {
    title?: string;
    author?: string;
    publisher?: string;
    publishedOn?: string;
    url?: string;
    kind?: DocumentKind;
  };
}

/** Reports progress and lets a long read be cancelled. */
export interface ReadControl {
  signal: AbortSignal;
  progress(done: number, total: number, stage: string): void;
}
