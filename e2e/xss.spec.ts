// Hostile text everywhere: a corpus of script-injection payloads is put into every text field of
// every kind of record (through the API, as an import or a paste would store it), then every
// view, the search results and the exported packet are opened in Chromium with JavaScript on.
// Each payload, if it ever ran, would set window.__xss or open a dialog: neither may happen.

import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';

const PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<svg onload="window.__xss = 3"></svg>',
  '<iframe src="javascript:parent.__xss = 4"></iframe>',
  '<a href="javascript:window.__xss = 5">click</a>',
  '"><img src=x onerror=window.__xss=6>',
  "'><svg/onload=window.__xss=7>",
  '<details open ontoggle="window.__xss = 8">x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 9">',
  '<input autofocus onfocus="window.__xss = 10">',
  '<video><source onerror="window.__xss = 11"></video>',
  '<object data="javascript:window.__xss = 12"></object>',
  'javascript:window.__xss = 13',
  '<style>*{background:url("javascript:window.__xss=14")}</style>',
  '{{constructor.constructor("window.__xss = 15")()}}',
  '<form><button formaction="javascript:window.__xss = 16">go</button></form>',
  '[link](javascript:window.__xss=17) ![img](x" onerror="window.__xss=18)',
  '<base href="javascript:window.__xss=19//">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=20">',
];
const ALL = PAYLOADS.join(' ');
const text = (label: string) => `${label} shipment ${ALL}`;
/** For fields with a short limit (titles, names: 500 characters): three payloads, rotating. */
let turn = 0;
const short = (label: string) => {
  const three = [0, 1, 2].map((i) => PAYLOADS[(turn + i) % PAYLOADS.length]).join(' ');
  turn += 3;
  return `${label} shipment ${three}`.slice(0, 500);
};

test.describe.configure({ timeout: 180_000 });

async function expectNothingRan(page: import('@playwright/test').Page, where: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), `a payload ran in ${where}`).toBeUndefined();
}

test('payloads in every field run nowhere: views, search results, the exported packet', async ({ page, server }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const theCase = await call(server, 'cases.create', { title: short('Case'), description: text('Description') });
  const caseId = theCase.id;
  const source = await call(server, 'sources.create', {
    name: short('Source'),
    aliases: [short('Alias')],
    role: short('Role'),
    description: text('Described'),
    notes: text('Notes'),
    anonymityReason: text('Reason'),
    identityKnownBy: short('Known'),
    contact: { phone: short('Phone'), email: 'x@example.org' },
    tags: ['<b>tag</b>'],
  });
  const claim = await call(server, 'claims.create', { caseId, statement: text('Claim'), quote: text('Quote'), sourceIds: [source.id], tags: ['<img src=x onerror=window.__xss=30>'] });
  const other = await call(server, 'claims.create', { caseId, statement: text('Counterclaim'), sourceIds: [source.id] });
  await call(server, 'claimLinks.create', { fromClaimId: other.id, toClaimId: claim.id, relation: 'contradicts', note: text('Link note') });
  const doc = await call(server, 'documents.create', { caseId, title: short('Document'), author: short('Author'), publisher: short('Publisher'), url: 'https://example.org/report', text: text('Body') });
  const excerpt = await call(server, 'excerpts.create', { documentId: doc.id, exact: 'shipment', comment: text('Comment') });
  await call(server, 'evidence.create', { claimId: claim.id, documentId: doc.id, excerptId: excerpt.id, stance: 'supports', note: text('Evidence note') });
  await call(server, 'replies.create', { caseId, claimId: claim.id, sourceId: source.id, subject: short('Subject'), contactedAt: '2021-06-01T10:00:00Z', channel: short('Channel'), response: text('Response') });
  await call(server, 'events.create', { caseId, title: short('Event'), happenedOn: '2021-06', description: text('Event description') });
  const content = JSON.stringify({
    root: {
      type: 'root', version: 1, direction: null, format: '', indent: 0,
      children: [
        { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [
          { type: 'text', version: 1, text: text('Draft'), format: 0, style: '', mode: 'normal', detail: 0 },
          { type: 'claim-citation', version: 1, claimId: claim.id },
        ] },
      ],
    },
  });
  const note = await call(server, 'notes.create', { caseId, title: short('Note'), content });

  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();
  // Every view, and the record open in each.
  const views: [string, () => Promise<void>][] = [
    ['claims', async () => page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first().click()],
    ['sources', async () => page.getByRole('listbox', { name: 'Sources' }).getByRole('option').first().click()],
    ['documents', async () => page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click()],
    ['notes', async () => page.getByRole('listbox', { name: 'Notes' }).getByRole('option').first().click()],
    ['search', async () => page.getByRole('searchbox', { name: 'Search' }).fill('shipment')],
    ['trash', async () => {}],
    ['map', async () => {}],
    ['timeline', async () => {}],
  ];
  for (const [i, [view, open]] of views.entries()) {
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press(String(i + 1));
    await open().catch(() => {});
    await page.waitForTimeout(400);
    await expectNothingRan(page, `the ${view} view`);
  }
  await page.keyboard.press('1');
  await page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first().click();
  await expect(page.getByText('Claim shipment', { exact: false }).first()).toBeVisible();
  await screenshot(page, 'xss-claim');
  await expectNothingRan(page, 'the claim page');

  // The packet, every profile, opened as a page with JavaScript on (its CSP aside: the markup
  // itself must hold nothing active).
  for (const profile of ['factChecker', 'editor', 'lawyer'] as const) {
    for (const noteId of [undefined, note.id]) {
      const file = await call(server, 'packets.export', { caseId, profile, format: 'html', ...(noteId ? { noteId } : {}) });
      const packet = await page.context().newPage();
      packet.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await packet.setContent(file.data, { waitUntil: 'load' });
      await packet.waitForTimeout(200);
      await expectNothingRan(packet, `the ${profile} packet`);
      const active = await packet.evaluate(() => ({
        scripts: document.querySelectorAll('script, iframe, object, embed, base, form').length,
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        jsUrls: [...document.querySelectorAll('[href], [src], [action], [formaction], [data]')].filter((e) =>
          [...e.attributes].some((a) => ['href', 'src', 'action', 'formaction', 'data'].includes(a.name) && /^\s*javascript:/i.test(a.value)),
        ).length,
      }));
      expect(active, `active markup in the ${profile} packet`).toEqual({ scripts: 0, handlers: 0, jsUrls: 0 });
      await packet.close();
    }
  }
  expect(dialogs).toEqual([]);

  // The control: the same corpus as raw markup does run here, so the checks above can fail.
  const control = await page.context().newPage();
  await control.setContent(`<body>${PAYLOADS[1]}</body>`, { waitUntil: 'load' });
  await expect.poll(() => control.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBe(2);
  await control.close();
});
