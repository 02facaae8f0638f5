// Time limits in Chromium: the administrator sets a level's limit; the department head sees the case's
// level clocks, the 督办 light and the due date in the to-do list without scrolling at 1366 px, and the
// approval form prints each level's limit and the bureau's reply rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actOnCase, registerCase } from '../packages/server/src/modules/cases/case-service.ts';
import { findPersonRowByUsername } from '../packages/server/src/modules/people/people-repository.ts';
import { newPage, shot, signIn, startE2E, type E2E } from './support.ts';

describe('time limits in Chromium', () => {
  let e2e: E2E;
  let caseUrl: string;
  beforeAll(async () => {
    e2e = await startE2E();
    const ctx = e2e.server.ctx;
    const shouwen = (await findPersonRowByUsername(ctx.database.db, 'shouwen'))!.id;
    const as = { personId: shouwen, address: null };
    const c = await registerCase(ctx, as, {
      applicant: { kind: 'enterprise', name: '演示市某某食品有限公司', phone: '13800138000' },
      channel: 'counter',
      receivedAt: new Date().toISOString(),
      matterType: 'licensing',
      matterTitle: '时限演示事项',
      description: '申请人当面提出。',
      coDepartmentIds: [],
    });
    await actOnCase(ctx, as, {
      id: c.id,
      request: {
        version: c.version,
        action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '把握不准' },
      },
    });
    caseUrl = `/cases/${c.id}`;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the administrator sets the department head’s limit', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'admin');
    await page.getByTestId('menu-settings').first().click();
    const level2 = page.getByTestId('settings-level2');
    await level2.waitFor();
    await expect(level2.inputValue()).resolves.toBe('1');
    await level2.fill('2');
    await page.getByTestId('settings-save').click();
    await page.getByText('时限设置已保存').waitFor();
    await shot(page, 'settings-time-limits');
    await page.context().close();
  });

  it('the department head sees the clocks on the page, the light in the list and the rule on the form', async () => {
    const page: Page = await newPage(e2e);
    await signIn(page, 'keshi');
    await page.goto('/cases?view=todo');
    const row = page.getByTestId('case-light').first();
    await row.waitFor();
    // The light and due columns are in view on a 1366-px screen without scrolling sideways.
    const box = await page.getByRole('columnheader', { name: '期限' }).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    await page.goto(caseUrl);
    await page.getByTestId('case-clocks').waitFor();
    await expect(page.getByTestId('clock-level-2').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await expect(page.getByTestId('clock-reply').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.getByTestId('case-form').click();
    await page.getByTestId('approval-form').waitFor();
    await expect(page.getByTestId('form-clock-2').textContent()).resolves.toContain('审批时限');
    await expect(page.getByTestId('form-reply-rule').textContent()).resolves.toContain('自受理之日起');
    await shot(page, 'approval-form-time-limits');
    await page.context().close();
  });
});
