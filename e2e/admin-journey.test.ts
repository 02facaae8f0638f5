import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, shot, signIn, startE2E, type E2E } from './support.ts';

async function pick(page: Page, inputId: string, text: string): Promise<void> {
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.fill(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

describe('an administrator sets up a department and its chain (Chromium)', () => {
  let e2e: E2E;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2E();
    page = await newPage(e2e);
  });
  afterAll(async () => {
    await page?.context().close();
    await e2e?.close();
  });

  it('adds a department through the organisation page', async () => {
    await signIn(page, 'admin');
    await page.getByTestId('menu-org').first().click();
    await page.getByTestId('org-add-department').click();
    await page.locator('#org_name').fill('质量发展股');
    await page.getByTestId('org-dialog-submit').click();
    await page.getByText('质量发展股').first().waitFor();
    await shot(page, 'admin-org');
    const tree = await (await page.request.get('/api/org/tree')).json();
    const unit = tree.units.find((u: { departments: { name: string }[] }) =>
      u.departments.some((d) => d.name === '质量发展股'),
    );
    expect(unit?.name).toBe('城区分局');
  });

  it('sets the new department’s four-level chain and sees it in the roster', async () => {
    const tree = await (await page.request.get('/api/org/tree')).json();
    const dept = tree.units
      .flatMap((u: { departments: { id: string; name: string }[] }) => u.departments)
      .find((d: { name: string }) => d.name === '质量发展股');
    await page.getByTestId('menu-chains').first().click();
    await page.getByTestId(`chain-edit-${dept.id}`).click();
    await pick(page, 'chain_firstResponderIds', '彭涛');
    await page.keyboard.press('Escape');
    await pick(page, 'chain_deptHeadId', '蔡军');
    await pick(page, 'chain_leaderInChargeId', '许文');
    await pick(page, 'chain_principalLeaderId', '冯国栋');
    await page.getByTestId('chain-submit').click();
    const row = page.locator('tr', { hasText: '质量发展股' });
    await row.filter({ hasText: '蔡军' }).waitFor();
    await shot(page, 'admin-chains');
    const roster = await (await page.request.get('/api/chains')).json();
    const chain = roster.chains.find((c: { departmentId: string }) => c.departmentId === dept.id);
    expect(chain.firstResponders.map((p: { displayName: string }) => p.displayName)).toEqual(['彭涛']);
    expect(chain.deptHead.displayName).toBe('蔡军');
    expect(chain.leaderInCharge.displayName).toBe('许文');
    expect(chain.principalLeader.displayName).toBe('冯国栋');
  });

  it('switches the whole interface to English', async () => {
    await page.getByTestId('lang-switch').first().click();
    // English arrives as a chunk of its own: wait for it before reading the menu.
    await page.getByTestId('menu-chains').first().filter({ hasText: 'Responsibility chains' }).waitFor();
    await expect(page.getByTestId('menu-chains').first().textContent()).resolves.toContain(
      'Responsibility chains',
    );
    await expect(page.getByTestId('menu-org').first().textContent()).resolves.toContain('Organisation');
    await page.getByTestId('menu-people').first().click();
    await page.getByRole('columnheader').first().waitFor();
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'admin-people-en');
  });

  it('names the audit log’s event types in words beside their codes', async () => {
    await page.getByTestId('menu-audit').first().click();
    await page.getByTestId('audit-type').first().waitFor();
    const types = await page
      .getByTestId('audit-type')
      .evaluateAll((cells) =>
        cells.map((c) => [c.firstChild?.textContent ?? '', c.querySelector('.ant-tag')?.textContent ?? '']),
      );
    expect(types).toContainEqual(['Signed in', 'auth.login']);
    expect(types).toContainEqual(['Chain set', 'chain.set']);
    for (const [label, code] of types) {
      expect(label, code).toMatch(/^[A-Z][^\u4e00-\u9fff]*$/);
    }
    await shot(page, 'admin-audit-en');
  });
});
