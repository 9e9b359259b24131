import { docsScreenshot, expect, screenshot, test } from './fixtures.js';

const TRONE = 'China is practically the only source of the fentanyl precursors';
const EMBASSY = 'China has found no scheduled precursor chemicals trafficked';

test('the demo case shows claims, counterclaims, evidence, and records a change of status', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Load demo case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Precursor pipeline' })).toBeVisible();

  const claims = page.getByRole('listbox', { name: 'Claims' });
  await expect(claims.getByRole('option').first()).toHaveAttribute('aria-setsize', '16');
  await expect(page.getByRole('button', { name: 'Precursor pipeline 16 claims' })).toHaveAttribute('aria-current', 'true');
  await screenshot(page, 'demo-claims');

  await claims.getByRole('option', { name: new RegExp(TRONE) }).click();
  const detail = page.getByRole('region', { name: 'Claim details' });
  await expect(detail.getByRole('heading', { level: 2, name: new RegExp(TRONE) })).toBeVisible();

  // The embassy's denial sits in the "against" column, the State Department's account in "for".
  const linked = detail.getByRole('region', { name: /For and against/ });
  const against = linked.getByRole('region', { name: 'Against' });
  const forIt = linked.getByRole('region', { name: 'For' });
  await expect(against.getByRole('heading', { name: /Against/ })).toBeVisible();
  await expect(against.getByRole('listitem').filter({ hasText: EMBASSY })).toContainText('Contradicted by');
  await expect(against.getByRole('listitem').filter({ hasText: EMBASSY })).toContainText('Disputed');
  await expect(forIt.getByRole('listitem').filter({ hasText: EMBASSY })).toHaveCount(0);
  await expect(forIt.getByRole('listitem').first()).toContainText('Supported by');

  const evidence = detail.getByRole('region', { name: /^Evidence/ });
  await expect(evidence.getByRole('listitem').first()).toBeVisible();
  await expect(evidence.locator('blockquote').first()).toContainText('“');
  await screenshot(page, 'demo-claim-detail');
  await docsScreenshot(page, 'claim-detail');
  await linked.scrollIntoViewIfNeeded();
  await screenshot(page, 'demo-claim-detail-linked');

  await detail.getByRole('button', { name: 'Change status' }).click();
  const change = detail.getByRole('form', { name: 'Change status' });
  await change.getByLabel('New status').selectOption('misleading');
  await change.getByLabel('Method').fill('Compared with the DEA 2021 National Drug Threat Assessment');
  await change.getByLabel('Note').fill('India is a growing second source; "only" overstates it.');
  await screenshot(page, 'demo-change-status');
  await change.getByRole('button', { name: 'Set status' }).click();
  await expect(change).toBeHidden();

  await expect(detail.locator('.detail-kicker')).toContainText('Misleading');
  const history = detail.getByRole('region', { name: /Verification history/ });
  const newest = history.getByRole('listitem').first();
  await expect(newest).toContainText('Misleading');
  await expect(newest).toContainText('Compared with the DEA 2021 National Drug Threat Assessment');
  await expect(newest).toContainText('India is a growing second source; "only" overstates it.');
  await expect(claims.getByRole('option', { name: new RegExp(TRONE) })).toContainText('Misleading');
  await history.scrollIntoViewIfNeeded();
  await screenshot(page, 'demo-status-history');

  // Following a linked claim opens it, with the keyboard focus on it (the link itself is gone).
  await against.getByRole('button', { name: new RegExp(`^${EMBASSY}`) }).click();
  await expect(detail.getByRole('heading', { level: 2, name: new RegExp(EMBASSY) })).toBeFocused();
});

test.describe('with the demo loaded from the command line', () => {
  test.use({ demo: true });

  test('sources list the demo’s people and organisations, and open their claims', async ({ page, server }) => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Case file' }).getByRole('button', { name: 'Sources', exact: true }).click();
    const sources = page.getByRole('listbox', { name: 'Sources' });
    await expect(sources.getByRole('option').first()).toBeVisible();
    await sources.getByRole('option').first().click();
    const detail = page.getByRole('region', { name: 'Source details' });
    await expect(detail.getByRole('heading', { level: 2 })).toBeVisible();
    await screenshot(page, 'demo-sources');

    const claimsOfSource = detail.getByRole('region', { name: /^Claims/ });
    const first = claimsOfSource.getByRole('button').first();
    const statement = (await first.textContent()) ?? '';
    await first.click();
    await expect(page.getByRole('region', { name: 'Claim details' }).getByRole('heading', { level: 2 })).toHaveText(statement);
  });
});
