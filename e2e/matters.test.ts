import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, pickOption, shot, signIn, startE2E, type E2E } from './support.ts';

describe('matter lists (事项清单) in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a department head lists a matter with its time limit; a first responder registers a request for it', async () => {
    const head = await newPage(e2e);
    await signIn(head, 'keshi');
    await head.getByTestId('menu-matters').first().click();
    await head.getByText('企业名称变更登记').first().waitFor();
    await head.getByTestId('matter-create').click();
    await head.getByTestId('matter-title').fill('企业住所变更登记');
    await pickOption(head, '#matter_matterType', '行政许可事项');
    await head.locator('#matter_timeLimitWorkdays').fill('3');
    await head.getByTestId('matter-submit').click();
    await head.getByRole('cell', { name: '企业住所变更登记' }).waitFor();
    await head.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await shot(head, 'matters-keshi');

    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    await page.getByTestId('menu-cases').first().click();
    await page.getByTestId('case-register').click();
    await page.locator('#register_applicant_name').fill('钱先生');
    await page.locator('#register_applicant_phone').fill('13800138000');
    await page.locator('#register_channel').getByText('窗口').click();
    await pickOption(page, '#register_matterId', '企业住所变更登记');
    await expect(page.getByTestId('register-matter-limit').textContent()).resolves.toContain('3');
    await expect(page.locator('#register_matterTitle').inputValue()).resolves.toBe('企业住所变更登记');
    await expect(page.locator('#register_matterTitle').isDisabled()).resolves.toBe(true);
    await page.locator('#register_description').fill('申请变更企业住所。');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('case-page').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('case-due').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.context().close();

    // Deactivated after a confirmation, it is no longer offered.
    const row = head.getByRole('row', { name: /企业住所变更登记/ });
    await row.getByRole('button', { name: /停用/ }).click();
    await head.getByTestId('matter-deactivate-confirm').click();
    await row.getByText('已停用').waitFor();

    // In English a one-day time limit reads in the singular.
    await head.getByTestId('lang-switch').first().click();
    await head.getByRole('columnheader', { name: 'Time limit' }).waitFor();
    await expect(head.getByRole('row', { name: /个体工商户注销/ }).textContent()).resolves.toMatch(
      /1 working day(?!s)/,
    );
    await head.context().close();
  });
});
