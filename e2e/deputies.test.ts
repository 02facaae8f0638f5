// A department head appoints a deputy in the UI; the deputy decides the head's level, and the approval
// form shows it: the deputy's name with “（代）” and the head's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_DIALECTS, newPage, shot, signIn, startE2E, whatThePageShows, type E2E } from './support.ts';
import { apiFrom } from './case-steps.ts';

/** A JSON request from the signed-in page; anything but a success fails the test. */
async function apiCall<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const res = await apiFrom<T>(page, { method, url, body });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe.each(E2E_DIALECTS)('acting deputies in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a head appoints a deputy in the UI, the deputy decides at level 2, and the form shows both names', async () => {
    const head = await newPage(e2e);
    await signIn(head, 'keshi');
    await head.getByTestId('menu-deputies').first().click();
    await head.getByTestId('deputy-appoint').click();
    await head.locator('#deputy_deputyId').click();
    await head.locator('#deputy_deputyId').fill('杨帆');
    await head
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '杨帆' })
      .first()
      .click();
    await head.getByTestId('deputy-submit').click();
    await head
      .getByTestId('deputies-table')
      .getByText('杨帆')
      .waitFor({ timeout: 10_000 })
      .catch(async (e: unknown) => {
        await shot(head, 'deputy-appoint-failed');
        throw new Error(`the appointment is not listed\n${await whatThePageShows(head)}`, { cause: e });
      });
    await expect(head.getByTestId('deputies-table').textContent()).resolves.toContain('代理中');
    await shot(head, `deputies-${dialect}`);

    // The first responder registers a request and proposes a refusal (through the API: the case pages
    // have their own browser tests).
    const responder = await newPage(e2e);
    await signIn(responder, 'shouwen');
    const registered = await apiCall<{ id: string; version: number }>(responder, 'POST', '/api/cases', {
      applicant: { kind: 'person', name: '周先生', phone: '13912345678' },
      channel: 'counter',
      receivedAt: new Date().toISOString(),
      matterType: 'licensing',
      matterTitle: '申请在住宅楼内办理食品经营许可',
      description: '申请人希望在住宅楼一层开设食品加工作坊',
    });
    await apiCall(responder, 'POST', `/api/cases/${registered.id}/actions`, {
      version: registered.version,
      action: {
        type: 'proposeRefusal',
        reason: 'notPermitted',
        reasonText: '住宅楼内不符合食品生产场所要求',
      },
    });

    const deputy = await newPage(e2e);
    await signIn(deputy, 'djzc2');
    await deputy.goto(`/cases/${registered.id}`);
    await deputy.getByTestId('case-page').waitFor();
    const before = await deputy.getByTestId('case-page').getAttribute('data-version');
    await deputy.getByTestId('action-decide').click();
    await deputy.getByTestId('decision-escalate').click();
    await deputy.locator('#action_opinion').fill('代科室负责人审批：建议提级研究。');
    await deputy.getByTestId('action-submit').click();
    // An escalation (上报) asks for confirmation.
    await deputy.getByTestId('action-confirm').click();
    await expect
      .poll(() => deputy.getByTestId('case-page').getAttribute('data-version'), { timeout: 30_000 })
      .not.toBe(before)
      .catch(async (e: unknown) => {
        await shot(deputy, 'deputy-decide-failed');
        throw new Error(`the deputy's decision did not land\n${await whatThePageShows(deputy)}`, {
          cause: e,
        });
      });
    await deputy.getByTestId('case-form').click();
    await deputy.getByTestId('approval-form').waitFor();
    await expect(deputy.getByTestId('form-level-2').textContent()).resolves.toContain('杨帆（代陈静）');
    await shot(deputy, `deputy-approval-form-${dialect}`);
    for (const p of [head, responder, deputy]) await p.context().close();
  });
});
