/**
 * The renderer's Content-Security-Policy, sent as a header by both the app:// protocol and
 * `corroborate serve`: our own scripts and styles only, no inline code, no eval, no plugins.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
