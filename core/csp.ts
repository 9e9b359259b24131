import { PACKET_CSS_HASH } from './export/style.js';

/**
 * The renderer's Content-Security-Policy, sent as a header by both the app:// protocol and
 * `corroborate serve`: our own scripts and styles only, no inline code, no eval, no plugins.
 */
export const CSP =
  // The one inline stylesheet allowed is the source packet's, by its hash: the export dialog's
  // preview (a sandboxed srcdoc frame, which inherits this policy) would be unstyled without it.
  `default-src 'self'; script-src 'self'; style-src 'self' ${PACKET_CSS_HASH}; img-src 'self' data:; font-src 'self'; ` +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
