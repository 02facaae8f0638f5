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

/** The tracking code on the receipt the first responder sees once after registering. */
async function receiptCode(page: Page): Promise<string> {
  await page.getByTestId('receipt-code').waitFor({ timeout: 15_000 });
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  await page.getByTestId('receipt-close').click();
  return code;
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

  it('能办 at level 2 → follow-up due → the way fails → a new round → refused at level 4 → reply → rated 不满意 on the tracking page → flagged', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const url = await register(page, '住宅楼内食品经营许可（轮次）');
    const code = await receiptCode(page);
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

    // The first responder answers by phone; the applicant rates it 不满意 on the public page, and the
    // supervision office sees it flagged.
    await page.goto(url);
    await page.getByTestId('case-page').waitFor();
    await act(
      page,
      'recordReply',
      async (p) => {
        await p.locator('#action_phoneNumber').fill('13800138000');
        await p.locator('#action_answeredBy').fill('张三');
        await p.locator('#action_content').fill('电话告知不能办理的原因和说“行”建议。');
      },
      { confirm: true },
    );
    expect(await stateOf(page)).toBe('replied');
    const applicant = await newPage(e2e, { mobile: true });
    await applicant.goto('/track');
    await applicant.getByTestId('track-code').fill(code);
    await applicant.getByTestId('track-submit').click();
    await applicant.getByTestId('track-result').waitFor();
    await expect(applicant.getByTestId('track-reply').innerText()).resolves.toContain(
      '可在商业用房开办后再申请',
    );
    await applicant.getByTestId('rating-dissatisfied').click();
    await applicant.getByTestId('rating-comment').fill('还是希望能在家里开。');
    await applicant.getByTestId('rating-submit').click();
    await applicant.getByTestId('track-rated').waitFor();
    await applicant.context().close();
    const office = await newPage(e2e);
    await signIn(office, 'ducha');
    await office.getByTestId('menu-flags').first().click();
    const caseId = new URL(url).pathname.split('/').pop() ?? '';
    const flag = office.locator(`[data-testid="flag"][data-case-id="${caseId}"]`);
    await flag.waitFor();
    await expect(flag.innerText()).resolves.toContain('还是希望能在家里开');
    await office.context().close();
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
