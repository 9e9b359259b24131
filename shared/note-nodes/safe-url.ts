// The one rule for a link in a note, used by the editor (typed, pasted, dropped) and by core
// when a note is saved or unarchived: a reader may follow it, nothing runs or embeds.

const SAFE_URL = /^(?:https?|mailto|tel):/i;
const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:', 'tel:'];

/** A link a reader may follow: http(s), mail or phone, nothing that runs or embeds. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace in a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (!SAFE_URL.test(compact)) return false;
  try {
    return SAFE_PROTOCOLS.includes(new URL(compact).protocol);
  } catch {
    return false;
  }
}
