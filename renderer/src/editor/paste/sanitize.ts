// Pasted HTML, cleaned before the editor reads it. What a reporter pastes comes from the web
// and from word processors: its structure (headings, lists, quotes, emphasis, links) is kept,
// and everything that could run code, phone home or dress the page up is dropped: scripts, event
// handlers, javascript:/data: links, images (their alt text stays), frames, forms, styles.

import DOMPurify from 'dompurify';
import { isSafeUrl } from '../../../../shared/note-nodes/safe-url';

const TAGS = [
  'p', 'br', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'a',
  'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'sub', 'sup', 'code', 'pre',
];
const ATTRIBUTES = ['href', 'title', 'style', 'start', 'dir'];
/** Elements dropped with everything inside them; any other unknown element keeps its text. */
const DROP_WITH_CONTENT = [
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'svg', 'math', 'head', 'title', 'meta', 'link', 'base', 'form', 'select', 'option', 'textarea', 'button',
  'video', 'audio', 'canvas', 'map', 'xmp', 'plaintext', 'annotation-xml', 'foreignobject', 'desc',
];

/** The styles that carry emphasis in word-processor HTML, with values that cannot load anything. */
const STYLES: Record<string, RegExp> = {
  'font-weight': /^(?:normal|bold|bolder|lighter|[1-9]00)$/,
  'font-style': /^(?:normal|italic|oblique)$/,
  'text-decoration': /^[a-z -]+$/,
  'text-decoration-line': /^[a-z -]+$/,
  'vertical-align': /^(?:baseline|sub|super)$/,
};

function keepEmphasisOnly(element: Element): void {
  if (!(element instanceof HTMLElement) || !element.hasAttribute('style')) return;
  const kept: string[] = [];
  for (const [property, allowed] of Object.entries(STYLES)) {
    const value = element.style.getPropertyValue(property).trim().toLowerCase();
    if (value && allowed.test(value)) kept.push(`${property}: ${value}`);
  }
  if (kept.length > 0) element.setAttribute('style', kept.join('; '));
  else element.removeAttribute('style');
}

let purifier: ReturnType<typeof DOMPurify> | null = null;

function purifierFor(win: Window & typeof globalThis): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(win);
  p.addHook('uponSanitizeElement', (node, data) => {
    // An image is not fetched, but what it showed is said: its alt text stays in the text.
    if (data.tagName === 'img' && node instanceof win.Element) {
      const alt = node.getAttribute('alt')?.trim();
      if (alt) node.parentNode?.insertBefore(node.ownerDocument.createTextNode(alt), node);
    }
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof win.Element)) return;
    keepEmphasisOnly(node);
    const href = node.getAttribute('href');
    if (href !== null && !isSafeUrl(href)) node.removeAttribute('href');
  });
  purifier = p;
  return p;
}

export function sanitizePastedHtml(html: string, win: Window & typeof globalThis = window): string {
  return purifierFor(win).sanitize(html, {
    ALLOWED_TAGS: TAGS,
    ALLOWED_ATTR: ATTRIBUTES,
    FORBID_CONTENTS: DROP_WITH_CONTENT,
    ALLOWED_URI_REGEXP: /^(?:https?|mailto|tel):/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}
