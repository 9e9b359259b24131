// Kept apart from ipc.ts (which loads electron) so plain-Node tests can check it.

export const APP_ORIGIN = 'app://corroborate';

/**
 * Whether a URL is a page of our own app://corroborate. Compared by scheme and host: Node's
 * URL gives custom schemes an opaque ("null") origin, so origins cannot be compared directly.
 */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'corroborate' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Only our own page may call the API; a frame from anywhere else (or a destroyed one) may not. */
export function isTrustedSender(event: { senderFrame?: { url: string } | null }): boolean {
  return isAppUrl(event.senderFrame?.url);
}
