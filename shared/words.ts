// Words as a reporter counts them: the note list (core/handlers/notes.ts) and the editor's status
// bar both count with this one rule, so the two never disagree.

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
