// Words as the library counts them (db/queries.ts countWords): the note list and the editor's
// status bar must agree. The parity test holds the two rules together.

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
