// The home pages of oversight in Chromium: the supervision office (ducha), discipline inspection (jijian)
// and the principal leader (juzhang) see the counts the server gives, each linking to its cases; others
// see none. And the confirmations: escalating (上报) and recording a reply (记录答复) ask first, and
// 取消 on a form holding typed text asks before throwing it away — in Chinese and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseOverview } from '@bancheng/core';
import { E2E_DIALECTS, newPage, shot, signIn, startE2E, type E2E } from './support.ts';
import { apiFrom, stateOf } from './case-steps.ts';

const TILES = [
  'open',
  'overdue',
  'refused',
  'deptHead',
  'leaderInCharge',
  'principalLeader',
  'reply',
] as const;

const valueOf = (o: CaseOverview | CaseOverview['departments'][number], m: (typeof TILES)[number]) =>
  m === 'open' || m === 'overdue' || m === 'refused' ? o[m] : o.overdueAt[m];

/** The number standing alone in a text (共 12 条 holds 12, not 1). */
const wholeNumber = (n: number) => new RegExp(`(^|\\D)${String(n)}(\\D|$)`);

async function overviewShown(page: Page): Promise<CaseOverview> {
  await page.goto('/');
  await page.getByTestId('home-overview').waitFor();
  await page.getByTestId('overview-open').waitFor();
  const res = await page.request.get('/api/overview');
  expect(res.status()).toBe(200);
  return (await res.json()) as CaseOverview;
}

async function expectNumbers(page: Page, overview: CaseOverview) {
  for (const m of TILES) {
    await expect(page.getByTestId(`overview-${m}`).first().textContent(), m).resolves.toBe(
      String(valueOf(overview, m)),
    );
  }
  for (const d of overview.departments) {
    for (const m of TILES) {
      await expect(
        page.getByTestId(`overview-${m}-${d.departmentId}`).textContent(),
        `${d.departmentName} ${m}`,
      ).resolves.toBe(String(valueOf(d, m)));
    }
  }
}

/** A case of 登记注册科 waiting at the department head, registered and proposed by shouwen. */
async function caseAtDeptHead(page: Page, title: string): Promise<string> {
  const created = await apiFrom<{ id: string; version: number }>(page, {
    method: 'POST',
    url: '/api/cases',
    body: {
      applicant: { kind: 'person', name: '测试申请人', phone: '13800138000' },
      channel: 'visit',
      receivedAt: new Date().toISOString(),
      matterType: 'service',
      matterTitle: title,
      description: '需要逐级请示',
    },
  });
  expect(created.status).toBe(201);
  const proposed = await apiFrom(page, {
    method: 'POST',
    url: `/api/cases/${created.body.id}/actions`,
    body: {
      version: created.body.version,
      action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '把握不准' },
    },
  });
  expect(proposed.status).toBe(200);
  return created.body.id;
}

async function decideByApi(e2e: E2E, username: string, id: string, action: Record<string, string>) {
  const page = await newPage(e2e);
  await signIn(page, username);
  const current = await apiFrom<{ version: number }>(page, { method: 'GET', url: `/api/cases/${id}` });
  const res = await apiFrom(page, {
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    body: { version: current.body.version, action: { type: 'decide', ...action } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await page.context().close();
}

const version = (page: Page) => page.getByTestId('case-page').getAttribute('data-version');

describe.each(E2E_DIALECTS)('home pages and confirmations in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    // The demo county as `npm start` loads it: a year of cases in every department.
    e2e = await startE2E(dialect, { demoCounty: true });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the supervision office, discipline inspection and principal leader the server’s counts', async () => {
    for (const username of ['ducha', 'jijian', 'juzhang']) {
      const page = await newPage(e2e);
      await signIn(page, username);
      const overview = await overviewShown(page);
      expect(overview.open).toBeGreaterThan(0);
      expect(overview.departments.length).toBeGreaterThan(0);
      await expectNumbers(page, overview);
      await shot(page, `home-overview-${username}-${dialect}`);
      await page.context().close();
    }
  });

  it('links each count to the case list holding exactly those cases', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'ducha');
    const overview = await overviewShown(page);
    const measure = TILES.find((m) => m !== 'open' && valueOf(overview, m) > 0) ?? 'open';
    await page.getByTestId(`overview-${measure}`).first().click();
    await page.waitForURL(/\/cases\?/);
    await page.getByTestId('pager-total').waitFor();
    await expect
      .poll(() => page.getByTestId('pager-total').textContent())
      .toMatch(wholeNumber(valueOf(overview, measure)));
    await shot(page, `home-overview-link-${measure}-${dialect}`);
    // A department's open cases: the list says which filter it holds.
    await page.goto('/');
    const d = overview.departments.find((x) => x.open > 0);
    if (!d) throw new Error('no department with open cases');
    await page.getByTestId(`overview-open-${d.departmentId}`).click();
    await page.getByTestId('cases-filter-open').waitFor();
    await expect.poll(() => page.getByTestId('pager-total').textContent()).toMatch(wholeNumber(d.open));
    await page.context().close();
  });

  it('shows no oversight counts to a first responder', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    await page.goto('/');
    await page.getByTestId('home-todo').waitFor();
    expect(await page.getByTestId('home-overview').count()).toBe(0);
    await page.context().close();
  });

  it('asks before escalating, before recording a reply, and before dropping typed text', async () => {
    const responder = await newPage(e2e);
    await signIn(responder, 'shouwen');
    const id = await caseAtDeptHead(responder, `确认对话框测试 ${dialect}`);

    const head = await newPage(e2e);
    await signIn(head, 'keshi');
    await head.goto(`/cases/${id}`);
    await head.getByTestId('case-page').waitFor();
    const before = await version(head);

    // 取消 with typed text asks; "keep editing" keeps the text.
    await head.getByTestId('action-decide').click();
    await head.getByTestId('decision-escalate').click();
    await head.locator('#action_opinion').fill('建议提请分管领导研究');
    await head
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await head.locator('.ant-modal-confirm-title', { hasText: '放弃已填写的内容？' }).waitFor();
    await shot(head, `confirm-discard-${dialect}`);
    await head.getByRole('button', { name: '继续填写' }).click();
    await expect(head.locator('#action_opinion').inputValue()).resolves.toBe('建议提请分管领导研究');

    // 上报 asks; cancelling the question changes nothing.
    await head.getByTestId('action-submit').click();
    await head.getByTestId('action-confirm').waitFor();
    await expect(head.locator('.ant-modal-confirm').textContent()).resolves.toContain('上报后');
    await shot(head, `confirm-escalate-${dialect}`);
    await head
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await head.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    expect(await version(head)).toBe(before);
    const unchanged = await apiFrom<{ state: string }>(head, { method: 'GET', url: `/api/cases/${id}` });
    expect(unchanged.body.state).toBe('atDeptHead');
    await head.getByTestId('action-submit').click();
    await head.getByTestId('action-confirm').click();
    await expect.poll(() => stateOf(head), { timeout: 30_000 }).toBe('atLeaderInCharge');

    await head.context().close();

    await decideByApi(e2e, 'fenguan', id, { decision: 'escalate', opinion: '提请主要领导审定' });
    await decideByApi(e2e, 'juzhang', id, {
      decision: 'refuse',
      opinion: '确实不能办',
      workableSuggestion: '可改为线上申请，我局提供指导。',
    });

    // 记录答复 asks, in English too.
    await responder.evaluate(() => localStorage.setItem('bancheng.lang', 'en'));
    await responder.goto(`/cases/${id}`);
    await responder.getByTestId('case-page').waitFor();
    await responder.getByTestId('action-recordReply').click();
    await responder.locator('#action_phoneNumber').fill('13800138000');
    await responder.getByTestId('action-submit').click();
    await responder.getByTestId('action-confirm').waitFor();
    const question = await responder.locator('.ant-modal-confirm').textContent();
    expect(question).toContain('A recorded reply cannot be changed');
    await shot(responder, `confirm-reply-${dialect}`);
    const beforeReply = await version(responder);
    await responder.getByTestId('action-confirm').click();
    await expect.poll(() => stateOf(responder), { timeout: 30_000 }).toBe('replied');
    expect(await version(responder)).not.toBe(beforeReply);

    // A form opened and left untouched closes without a question; with typed text, Discard throws it away.
    await responder.getByTestId('action-recordFeedback').click();
    const feedback = responder.locator('#action_text');
    await feedback.waitFor();
    await responder.locator('.ant-modal-footer').getByRole('button', { name: 'Cancel' }).click();
    await feedback.waitFor({ state: 'hidden' });
    expect(await responder.locator('.ant-modal-confirm').count()).toBe(0);
    await responder.getByTestId('action-recordFeedback').click();
    await feedback.fill('申请人表示理解');
    await responder.locator('.ant-modal-footer').getByRole('button', { name: 'Cancel' }).click();
    await responder.locator('.ant-modal-confirm-title', { hasText: 'Discard what you typed?' }).waitFor();
    await responder.getByTestId('action-discard').click();
    await feedback.waitFor({ state: 'hidden' });
    expect(await stateOf(responder)).toBe('replied');
    await responder.context().close();
  });
});
