import { call } from './api.js';
import { expect, screenshot, test } from './fixtures.js';

test.use({ demo: true });

const DUTIES = 'Duties for chemical sellers to know who their customers are';
const FLOW = 'Chemical suppliers flow like water into the gaps in the law';
const TRONE = 'China is practically the only source of the fentanyl precursors';

test('a claim gets evidence, a supporting claim, a right-of-reply entry and a checked status under my name', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('listbox', { name: 'Claims' })).toBeVisible();

  // The verification log records the name set in Preferences.
  await page.keyboard.press('Control+,');
  const prefs = page.getByRole('dialog', { name: 'Preferences' });
  await prefs.getByLabel('Your name (for the verification log)').fill('Ana Reyes');
  await screenshot(page, 'preferences');
  await prefs.getByRole('button', { name: 'Save' }).click();
  await expect(prefs).toBeHidden();

  const claims = page.getByRole('listbox', { name: 'Claims' });
  await claims.getByRole('option', { name: new RegExp(DUTIES) }).click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail.getByRole('heading', { level: 2 })).toContainText(DUTIES);
  await expect(detail.locator('.detail-kicker')).toContainText('One source only');

  // Evidence: a document picked by a few letters of its title, then one of its passages.
  await detail.getByRole('button', { name: 'Link evidence' }).click();
  const evidenceForm = detail.getByRole('form', { name: 'Link evidence' });
  await evidenceForm.getByRole('combobox', { name: 'Document' }).fill('regulation drug chem');
  await evidenceForm.getByRole('option', { name: /China's regulation of drug chemicals/ }).click();
  const passage = evidenceForm.getByLabel('Passage');
  await passage.selectOption((await passage.locator('option', { hasText: 'China has about 5,000' }).getAttribute('value')) ?? '');
  await evidenceForm.getByLabel('Stance').selectOption('supports');
  await evidenceForm.getByLabel('Where in it').fill('p. 7, ¶ 2');
  await evidenceForm.getByLabel('Note').fill('Few producers are ever inspected, so know-your-customer rules have nothing behind them.');
  await screenshot(page, 'claim-link-evidence');
  await evidenceForm.getByRole('button', { name: 'Link evidence' }).click();
  await expect(evidenceForm).toBeHidden();
  const supports = detail.getByRole('region', { name: /^Evidence/ }).getByRole('region', { name: 'Supports' });
  await expect(supports.getByRole('listitem').filter({ hasText: "China's regulation of drug chemicals" })).toContainText('p. 7, ¶ 2');
  await expect(supports.getByRole('listitem').filter({ hasText: "China's regulation of drug chemicals" })).toContainText('“China has about 5,000');
  // An independent document: the claim is now corroborated.
  await expect(detail.locator('.detail-kicker')).toContainText('2 independent sources');

  // A claim that backs it, picked by the words it starts with.
  await detail.getByRole('button', { name: 'Link a claim' }).click();
  const linkForm = detail.getByRole('form', { name: 'Link a claim' });
  await linkForm.getByRole('combobox', { name: 'Claim' }).fill('chemical suppliers fl');
  await expect(linkForm.getByRole('option').first()).toContainText(FLOW);
  await page.keyboard.press('Enter');
  await expect(linkForm.getByText(FLOW)).toBeVisible();
  await linkForm.getByLabel('How it relates').selectOption('supports');
  await linkForm.getByLabel('Note').fill('Same gap in the rules, seen from the suppliers’ side.');
  await linkForm.getByRole('button', { name: 'Link claim' }).click();
  await expect(linkForm).toBeHidden();
  const forColumn = detail.getByRole('region', { name: /For and against/ }).getByRole('region', { name: 'For' });
  await expect(forColumn.getByRole('listitem').filter({ hasText: FLOW })).toContainText('Supported by');
  await expect(forColumn.getByRole('listitem').filter({ hasText: FLOW })).toContainText('Bryce Pardo');
  await expect(forColumn.getByRole('listitem').filter({ hasText: FLOW })).toContainText('Unverified');

  // Right of reply: the request, then the answer when it comes.
  await detail.getByRole('button', { name: 'Log a request' }).click();
  const replyForm = detail.getByRole('form', { name: 'Log a request for comment' });
  await expect(replyForm.getByLabel('Who was asked')).toHaveValue('Vanda Felbab-Brown');
  await replyForm.getByLabel('How').fill('email');
  await screenshot(page, 'claim-reply-form');
  await replyForm.getByRole('button', { name: 'Save request' }).click();
  await expect(replyForm).toBeHidden();
  const replies = detail.getByRole('region', { name: /Right of reply/ });
  await expect(replies.getByRole('listitem')).toContainText('No response yet.');
  await expect(replies.getByRole('listitem')).toContainText('by email');
  await replies.getByRole('button', { name: 'Record the response' }).click();
  const responseForm = replies.getByRole('form', { name: 'Response from Vanda Felbab-Brown' });
  await responseForm.getByLabel('What they said').fill('Stands by the point: the rules exist on paper only.');
  await responseForm.getByRole('button', { name: 'Save response' }).click();
  await expect(replies.getByRole('listitem')).toContainText('Stands by the point: the rules exist on paper only.');
  await expect(replies.getByRole('listitem')).toContainText('Replied');

  // The status change is logged under the name from Preferences.
  await detail.getByRole('button', { name: 'Change status' }).click();
  const change = detail.getByRole('form', { name: 'Change status' });
  await expect(change).toContainText('Logged as Ana Reyes');
  await change.getByLabel('New status').selectOption('verified');
  await change.getByLabel('Method').fill('Read the RAND analysis against the 2019 inspection figures');
  await change.getByRole('button', { name: 'Set status' }).click();
  await expect(change).toBeHidden();
  const newest = detail.getByRole('region', { name: /Verification history/ }).getByRole('listitem').first();
  await expect(newest).toContainText('Verified');
  await expect(newest).toContainText('Ana Reyes');
  await expect(claims.getByRole('option', { name: new RegExp(DUTIES) })).toContainText('Verified');
  await detail.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
  await screenshot(page, 'claim-page-worked');

  // Unlinking goes to the trash, with Undo.
  await forColumn.getByRole('button', { name: new RegExp(`Unlink “${FLOW}`) }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Moved the link between the claims to the trash.' })).toBeVisible();
  await expect(forColumn).toBeHidden();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(forColumn.getByRole('listitem').filter({ hasText: FLOW })).toBeVisible();
});

test('a claim moved to the trash comes back with Undo or Ctrl+Z, and the claim page shows where it is cited', async ({ page, server }) => {
  await page.goto(server.url);
  const claims = page.getByRole('listbox', { name: 'Claims' });
  const count = page.getByRole('heading', { name: /^Claims/ }).locator('.count');
  await claims.getByRole('option', { name: new RegExp(TRONE) }).click();
  const detail = page.getByRole('region', { name: 'Claim details' });

  // The story draft cites this claim; the link opens the Notes view on it.
  const citedIn = detail.getByRole('region', { name: /Cited in/ });
  const notes = await call(server, 'notes.list', { caseId: (await call(server, 'cases.list', {}))[0]!.id });
  await expect(citedIn.getByRole('button').first()).toHaveText(notes[0]!.title);

  await detail.getByRole('button', { name: 'Move to trash' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Moved the claim to the trash.' });
  await expect(toast).toBeVisible();
  await expect(count).toHaveText('15');
  await expect(page.getByText('No claim open.')).toBeVisible();
  await screenshot(page, 'undo-toast');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status')).toContainText('Undone');
  await expect(count).toHaveText('16');

  // Ctrl+Z (outside a text field) undoes the last deletion too.
  await claims.getByRole('option', { name: new RegExp(TRONE) }).click();
  await detail.getByRole('button', { name: 'Move to trash' }).click();
  await expect(count).toHaveText('15');
  await claims.focus();
  await page.keyboard.press('Control+z');
  await expect(count).toHaveText('16');
  await expect(claims.getByRole('option', { name: new RegExp(TRONE) })).toBeVisible();
  // With nothing left to undo, it says so.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('There is nothing to undo.');

  await claims.getByRole('option', { name: new RegExp(TRONE) }).click();
  await citedIn.getByRole('button').first().click();
  await expect(page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Notes' })).toHaveAttribute('aria-current', 'page');
});
