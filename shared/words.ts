// Words as Corroborate counts them: the note list (db/, from the saved text) and the editor's
// status bar (the renderer, from what it shows) must agree, so both count with this one rule.

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
