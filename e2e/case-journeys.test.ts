import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  E2E_DIALECTS,
  newPage,
  pickOption,
  shot,
  signIn,
  startE2E,
  whatThePageShows,
  type E2E,
} from './support.ts';
import { act, decide, stateOf } from './case-steps.ts';

async function register(page: Page, title: string, options: { coDepartment?: string } = {}): Promise<string> {
  await page.getByTestId('menu-cases').first().click();
  await page.getByTestId('case-register').click();
  await page.locator('#register_applicant_kind').getByText('企业').click();
  await page.locator('#register_applicant_name').fill('演示市某某食品有限公司');
  await page.locator('#register_applicant_creditCode').fill('91411381MA9XXXXX16');
  await page.locator('#register_applicant_phone').fill('13800138000');
  await page.locator('#register_channel').getByText('窗口').click();
  await pickOption(page, '#register_matterType', '行政许可事项');
  await page.locator('#register_matterTitle').fill(title);
  await page.locator('#register_description').fill(`${title}：申请人当面提出。`);
  if (options.coDepartment) await pickOption(page, '#register_coDepartmentIds', options.coDepartment);
  await page.getByTestId('register-submit').click();
  await page
    .getByTestId('case-page')
    .waitFor({ timeout: 10_000 })
    .catch(async (e: unknown) => {
      await shot(page, 'register-failed');
      throw new Error(`registration did not open the case\n${await whatThePageShows(page)}`, { cause: e });
    });
  return page.url();
}

describe.each(E2E_DIALECTS)('case journeys in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('register → propose refusal → each level up → final refusal with a suggestion → phone reply → feedback → closed', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const url = await register(page, '申请在住宅楼内开办食品作坊');
    expect(await stateOf(page)).toBe('open');
    await act(page, 'proposeRefusal', async (p) => {
      await pickOption(p, '#action_reason', '法律政策不允许');
      await p.locator('#action_reasonText').fill('住宅楼内不符合食品生产场所要求。');
    });
    expect(await stateOf(page)).toBe('atDeptHead');
    // The first responder is offered no decision on their own proposal.
    await expect(page.getByTestId('action-decide').count()).resolves.toBe(0);

    expect(await decide(e2e, 'keshi', url, 'escalate')).toBe('atLeaderInCharge');
    expect(await decide(e2e, 'fenguan', url, 'escalate')).toBe('atPrincipalLeader');
    expect(
      await decide(e2e, 'juzhang', url, 'refuse', (p) =>
        p.locator('#action_workableSuggestion').fill('可在符合条件的商业用房内申请，或申请小作坊登记。'),
      ),
    ).toBe('refused');

    await page.reload();
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-due').textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await act(
      page,
      'recordReply',
      async (p) => {
        await p.locator('#action_phoneNumber').fill('13800138000');
        await p.locator('#action_answeredBy').fill('企业负责人');
        await p.locator('#action_content').fill('告知不能办理的原因及说“行”建议。');
      },
      // Recording a reply asks for confirmation.
      { confirm: true },
    );
    expect(await stateOf(page)).toBe('replied');
    await act(
      page,
      'recordFeedback',
      async (p) => {
        await p.locator('#action_accepted').getByText('认可', { exact: true }).click();
        await p.locator('#action_text').fill('理解，将另找场所。');
      },
      { confirm: true },
    );
    expect(await stateOf(page)).toBe('closed');
    const types = await page
      .getByTestId('timeline-entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types).toEqual([
      'case.registered',
      'case.trackingCodeIssued',
      'case.proposeRefusal',
      'case.decide',
      'case.decide',
      'case.decide',
      'case.recordReply',
      'case.recordFeedback',
    ]);
    await page.getByTestId('case-form').click();
    await page.getByTestId('approval-form').waitFor();
    await expect(page.getByTestId('form-level-4').textContent()).resolves.toContain('juzhang 的审批意见');
    await expect(page.getByTestId('form-level-4').textContent()).resolves.toContain('小作坊登记');
    await shot(page, 'case-approval-form');
    await page.context().close();
  });

  it('a refusal the department head resolves goes back to the first responder, who closes it as done', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const url = await register(page, '股东无法到场签字的变更登记');
    await act(page, 'proposeRefusal', async (p) => {
      await pickOption(p, '#action_reason', '把握不准');
      await p.locator('#action_reasonText').fill('原股东无法到场签字。');
    });
    expect(await decide(e2e, 'keshi', url, 'resolvable')).toBe('resolving');
    await page.reload();
    await page.getByTestId('case-page').waitFor();
    await act(page, 'closeDone', (p) => p.locator('#action_note').fill('补充公证委托书后办结。'), {
      confirm: true,
    });
    expect(await stateOf(page)).toBe('closed');
    await expect(page.getByTestId('case-outcome').textContent()).resolves.toContain('办结');
    await page.context().close();
  });

  it('a cross-department case goes through a joint consultation and is then done', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const url = await register(page, '异地迁入企业档案调取', { coDepartment: '消费者权益保护科' });
    // The co-department's first responder records what they did.
    const helper = await newPage(e2e);
    await signIn(helper, 'xbk1');
    await helper.goto(url);
    await helper.getByTestId('case-contributions').waitFor();
    await helper.locator('#contribution_text').fill('已向外省市场监管局发函，协助调取档案。');
    await helper.getByTestId('contribution-submit').click();
    await helper.getByTestId('contribution').first().waitFor();
    await helper.context().close();
    await page.reload();
    await page.getByTestId('contribution').first().waitFor();
    await expect(page.getByTestId('case-contributions').textContent()).resolves.toContain('协助调取档案');
    await act(page, 'requestConsultation', (p) =>
      p.locator('#action_proposal').fill('提请分管领导会商，由登记注册科牵头与外省对接。'),
    );
    expect(await stateOf(page)).toBe('inConsultation');
    // The convener (the lead department's leader in charge, offered first) records the meeting.
    const convener = await newPage(e2e);
    await signIn(convener, 'fenguan');
    await convener.goto(url);
    await convener.getByTestId('case-page').waitFor();
    await act(convener, 'recordConsultation', async (p) => {
      await p.locator('#action_participants').fill('李明、赵红、陈静、韩梅');
      await p.getByTestId('conclusion-resolvable').click();
      await p.locator('#action_record').fill('会商决定由登记注册科牵头发函调取电子档案。');
    });
    expect(await stateOf(convener)).toBe('resolving');
    await convener.context().close();
    await page.reload();
    await page.getByTestId('case-page').waitFor();
    expect(await stateOf(page)).toBe('resolving');
    await act(page, 'closeDone', (p) => p.locator('#action_note').fill('档案已调取，办结。'), {
      confirm: true,
    });
    expect(await stateOf(page)).toBe('closed');
    await shot(page, 'case-consultation-closed');
    await page.context().close();
  });

  it('prints the one-time notice given to an applicant', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const found = await (
      await page.request.get(`/api/cases?view=all&q=${encodeURIComponent('个体工商户注销')}`)
    ).json();
    const id = found.items[0].id;
    await page.goto(`/cases/${id}`);
    await page.getByTestId('case-notice').click();
    await page.getByTestId('one-time-notice').waitFor();
    await expect(page.getByTestId('notice-text').textContent()).resolves.toContain('注销登记申请书');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'one-time-notice-print');
    await page.context().close();
  });

  it('lays the approval form out on a phone in English without splitting a heading’s word', async () => {
    const page = await newPage(e2e, { mobile: true });
    await signIn(page, 'shouwen');
    await page.getByTestId('lang-switch').first().click();
    const found = await (
      await page.request.get(`/api/cases?view=all&q=${encodeURIComponent('在住宅楼内开办食品加工作坊')}`)
    ).json();
    await page.goto(`/cases/${found.items[0].id}/form`);
    await page.getByTestId('approval-form').waitFor();
    await expect(page.getByTestId('form-remarks').textContent()).resolves.toContain('By phone');
    // A word the table broke across lines has a box on each line.
    const split = await page.locator('.approval-form th').evaluateAll((cells) =>
      cells.flatMap((cell) => {
        const text = cell.firstChild;
        if (!text || text.nodeType !== 3) return []; // a text node
        const words: string[] = [];
        for (const m of (text.textContent ?? '').matchAll(/[A-Za-z’']+/g)) {
          const range = cell.ownerDocument.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          if (range.getClientRects().length > 1) words.push(m[0]);
        }
        return words;
      }),
    );
    expect(split).toEqual([]);
    await shot(page, `case-approval-form-phone-en-${dialect}`);
    await page.context().close();
  });

  it('shows the department head the notifications waiting for them, and reading one lowers the count', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'keshi');
    const count = async () =>
      Number((await page.getByTestId('notifications-count').first().textContent())?.replace(/\D/g, ''));
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('notifications-bell').first().click();
    await page.getByTestId('notifications-panel').waitFor();
    await page
      .locator('[data-testid="notification-item"][data-unread="true"] [data-testid="notification-link"]')
      .first()
      .click();
    await page.getByTestId('case-page').waitFor();
    await expect.poll(count).toBe(before - 1);
    await page.context().close();
  });
});
