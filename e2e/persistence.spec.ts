import { expect, screenshot, test } from './fixtures.js';

test('a case, a source and a claim made in the UI are still there after a reload', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Your case file is empty' })).toBeVisible();
  // The token has left the address bar.
  expect(page.url()).not.toContain('token=');
  await screenshot(page, 'welcome');

  await page.getByRole('button', { name: 'Start a case' }).click();
  const caseDialog = page.getByRole('dialog', { name: 'New case' });
  await caseDialog.getByLabel('Title').fill('Harbour contracts');
  await caseDialog.getByLabel('Description').fill('Who won the dredging contracts, and how.');
  await screenshot(page, 'case-form');
  await caseDialog.getByRole('button', { name: 'Create case' }).click();
  await expect(caseDialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour contracts' })).toBeVisible();
  await expect(page.getByText('No claims yet — press N to record one, or load the demo case.')).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Case file' });
  await nav.getByRole('button', { name: 'Sources', exact: true }).click();
  await page.getByRole('button', { name: 'New source' }).click();
  await page.getByLabel('Name').fill('Port Authority of Eastmouth');
  await page.getByLabel('Kind').selectOption('organisation');
  await page.getByLabel('Role or title').fill('Contracting authority');
  await page.getByLabel('Reliability').selectOption('B');
  await page.getByLabel('Confidential source').check();
  await page.getByLabel('Why anonymity was granted').fill('Not needed: testing the form.');
  await page.getByLabel('Confidential source').uncheck();
  await screenshot(page, 'source-form');
  await page.getByRole('button', { name: 'Save source' }).click();
  const sourceDetail = page.getByRole('region', { name: 'Source details' });
  await expect(sourceDetail.getByRole('heading', { name: 'Port Authority of Eastmouth' })).toBeVisible();
  await expect(sourceDetail.getByText('Usually reliable')).toBeVisible();

  await nav.getByRole('button', { name: 'Claims', exact: true }).click();
  await page.getByRole('button', { name: 'New claim' }).click();
  await page.getByLabel('Statement').fill('The dredging contract was awarded without a tender.');
  await page.getByLabel('Quote', { exact: true }).fill('There was no need for a tender; the work was urgent.');
  await page.getByLabel('The quote is').selectOption('verbatim');
  await page.getByRole('checkbox', { name: /Port Authority of Eastmouth/ }).check();
  await page.getByLabel('Said on').fill('2024-03');
  await page.getByLabel('Medium').selectOption('written_statement');
  await page.getByLabel('Tags').fill('contracts, tender');
  await screenshot(page, 'claim-form');
  await page.getByRole('button', { name: 'Save claim' }).click();

  const claimDetail = page.getByRole('region', { name: 'Claim details' });
  await expect(claimDetail.getByRole('heading', { name: 'The dredging contract was awarded without a tender.' })).toBeVisible();
  await expect(claimDetail.getByText('Unverified')).toBeVisible();
  await expect(claimDetail.getByText('Mar 2024')).toBeVisible();

  await page.reload();
  expect(page.url()).not.toContain('token=');
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour contracts' })).toBeVisible();
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await expect(claims.getByRole('option', { name: /The dredging contract was awarded without a tender/ })).toContainText('Port Authority of Eastmouth');
  await claims.getByRole('option', { name: /The dredging contract/ }).click();
  await expect(claimDetail.getByText('There was no need for a tender; the work was urgent.')).toBeVisible();
  await expect(claimDetail.getByText('Verbatim quote')).toBeVisible();
  await screenshot(page, 'claim-detail-new');

  // Editing keeps the claim's sources and changes only what was changed.
  await claimDetail.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit claim' });
  await expect(edit.getByLabel('Tags')).toHaveValue('contracts, tender');
  await edit.getByLabel('Statement').fill('The dredging contract was awarded without a public tender.');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(claimDetail.getByRole('heading', { name: 'The dredging contract was awarded without a public tender.' })).toBeVisible();
  await expect(claimDetail.getByRole('button', { name: 'Port Authority of Eastmouth' })).toBeVisible();
  await expect(claims.getByRole('option', { name: /without a public tender/ })).toBeVisible();

  await nav.getByRole('button', { name: 'Sources', exact: true }).click();
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: /Port Authority of Eastmouth/ }).click();
  await expect(sourceDetail.getByRole('button', { name: 'The dredging contract was awarded without a public tender.' })).toBeVisible();
  await screenshot(page, 'source-detail');
});
