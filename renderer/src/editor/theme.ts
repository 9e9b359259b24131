// Class names the editor gives its blocks and text formats; styled in editor.css.

import type { EditorThemeClasses } from 'lexical';

export const THEME: EditorThemeClasses = {
  paragraph: 'ed-p',
  heading: { h1: 'ed-h1', h2: 'ed-h2', h3: 'ed-h3', h4: 'ed-h3', h5: 'ed-h3', h6: 'ed-h3' },
  quote: 'ed-quote',
  list: { ul: 'ed-ul', ol: 'ed-ol', listitem: 'ed-li', nested: { listitem: 'ed-li-nested' } },
  link: 'ed-link',
  // Other members' carets and names in a co-edited note (editor.css).
  collaboration: { cursor: 'ed-cursor', cursorName: 'ed-cursor-name' },
  text: {
    bold: 'ed-bold',
    italic: 'ed-italic',
    underline: 'ed-underline',
    strikethrough: 'ed-strike',
    underlineStrikethrough: 'ed-underline-strike',
    code: 'ed-code',
    subscript: 'ed-sub',
    superscript: 'ed-sup',
  },
};
