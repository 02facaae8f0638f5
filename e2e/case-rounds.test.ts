// When 能办 fails (issue 8), in Chromium: the department head finds a way and sees the follow-up due on
// their dashboard; the way fails, the first responder opens a new round saying what was tried; the new
// round is refused at level 4; the case page and the printed form show both rounds. And a proposal
// withdrawn before the department head decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_DIALECTS, newPage, pickOption, shot, signIn, startE2E, type E2E } from './support.ts';
import { act, decide, stateOf } from './case-steps.ts';

async function register(page: Page, title: string): Promise<string> {
  await page.getByTestId('menu-cases').first().click();
  await page.getByTestId('case-register').click();
  await page.locator('#register_applicant_name').fill('张三');
  await page.locator('#register_applicant_phone').fill('13800138000');
  await page.locator('#register_channel').getByText('窗口').click();
  await pickOption(page, '#register_matterType', '行政许可事项');
  await page.locator('#register_matterTitle').fill(title);
  await page.locator('#register_description').fill(`${title}：申请人当面提出。`);
  await page.getByTestId('register-submit').click();
  await page.getByTestId('case-page').waitFor({ timeout: 10_000 });
  return page.url();
}

async function propose(page: Page) {
  await act(page, 'proposeRefusal', async (p) => {
    await pickOption(p, '#action_reason', '法律政策不允许');
    await p.locator('#action_reasonText').fill('住宅楼内不符合食品经营场所要求。');
  });
}

describe.each(E2E_DIALECTS)('rounds and follow-ups in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('能办 at level 2 → follow-up due → the way fails → a new round → refused at level 4', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const url = await register(page, '住宅楼内食品经营许可（轮次）');
    await propose(page);
    expect(await decide(e2e, 'keshi', url, 'resolvable')).toBe('resolving');

    // The department head's dashboard lists the follow-up, with its due date.
    const head = await newPage(e2e);
    await signIn(head, 'keshi');
    const item = head.getByTestId('home-follow-up-item').filter({ hasText: '住宅楼内食品经营许可（轮次）' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await head.context().close();

    await page.reload();
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-follow-up-due').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await act(page, 'reopenRound', async (p) => {
      await p.locator('#action_tried').fill('协助寻找商业用房，周边没有合适场所。');
      await pickOption(p, '#action_reason', '客观条件不具备');
    });
    expect(await stateOf(page)).toBe('atDeptHead');
    expect(await decide(e2e, 'keshi', url, 'escalate')).toBe('atLeaderInCharge');
    expect(await decide(e2e, 'fenguan', url, 'escalate')).toBe('atPrincipalLeader');
    expect(
      await decide(e2e, 'juzhang', url, 'refuse', (p) =>
        p.locator('#action_workableSuggestion').fill('可在商业用房开办后再申请。'),
      ),
    ).toBe('refused');

    await page.reload();
    await page.getByTestId('case-rounds').waitFor();
    await page.getByTestId('case-rounds').getByText('第 1 轮').click();
    await expect(page.getByTestId('round-1').textContent()).resolves.toContain('keshi 的审批意见');
    await page.getByTestId('case-form').click();
    await page.getByTestId('approval-form').waitFor();
    await expect(page.getByTestId('form-reason').textContent()).resolves.toContain('周边没有合适场所');
    await expect(page.getByTestId('form-round-1').textContent()).resolves.toContain('能办');
    await shot(page, 'case-rounds-form');
    await page.context().close();
  });

  it('withdraws a proposal before the department head decides', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    await register(page, '撤回的说不申请');
    await propose(page);
    expect(await stateOf(page)).toBe('atDeptHead');
    await act(page, 'withdrawProposal', (p) => p.locator('#action_note').fill('已补齐材料，可直接办理。'), {
      confirm: true,
    });
    expect(await stateOf(page)).toBe('open');
    await page.context().close();
  });
});
