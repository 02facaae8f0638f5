// The applicant's own view in Chromium (issue 8): the first responder registers a request and sees the
// receipt's code once; the case is refused up the chain and answered in writing (through the API, as the
// app sends it); the applicant opens the public tracking page on a phone, sees the reply's reason and
// the workable suggestion, and rates it 不满意 with a comment; the supervision office sees it flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_DIALECTS, newPage, pickOption, shot, signIn, startE2E, type E2E } from './support.ts';
import { apiFrom } from './case-steps.ts';

const TITLE = '小区门口设摊经营早点（查询码）';

async function register(page: Page): Promise<{ id: string; code: string }> {
  await page.getByTestId('menu-cases').first().click();
  await page.getByTestId('case-register').click();
  await page.locator('#register_applicant_name').fill('李群众');
  await page.locator('#register_applicant_phone').fill('13800138000');
  await page.locator('#register_channel').getByText('窗口').click();
  await pickOption(page, '#register_matterType', '政务服务事项');
  await page.locator('#register_matterTitle').fill(TITLE);
  await page.locator('#register_description').fill('申请人希望在小区门口设摊经营早点。');
  await page.getByTestId('register-submit').click();
  await page.getByTestId('receipt-code').waitFor({ timeout: 15_000 });
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  await shot(page, 'tracking-receipt');
  await page.getByTestId('receipt-close').click();
  const id = (await page.getByTestId('case-page').getAttribute('data-case-id')) ?? '';
  return { id, code };
}

/** `username` takes an action on the case through the API, as the web app sends it. */
async function actAs(e2e: E2E, username: string, id: string, action: Record<string, unknown>) {
  const page = await newPage(e2e);
  await signIn(page, username);
  const c = await apiFrom<{ version: number }>(page, { method: 'GET', url: `/api/cases/${id}` });
  const res = await apiFrom(page, {
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    body: { version: c.body.version, action },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await page.context().close();
}

async function lookUp(page: Page, code: string) {
  await page.goto('/track');
  await page.getByTestId('track-code').fill(code);
  await page.getByTestId('track-submit').click();
  await page.getByTestId('track-result').waitFor();
}

describe.each(E2E_DIALECTS)('the applicant’s tracking page in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('receipt → refusal answered → the applicant reads the reply on a phone and rates 不满意 → flagged', async () => {
    const clerk = await newPage(e2e);
    await signIn(clerk, 'shouwen');
    const { id, code } = await register(clerk);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // The code is in no address the browser visited.
    expect(clerk.url()).not.toContain(code);

    await actAs(e2e, 'shouwen', id, {
      type: 'proposeRefusal',
      reason: 'notPermitted',
      reasonText: '该路段属于禁止占道经营路段。',
    });
    await actAs(e2e, 'keshi', id, { type: 'decide', decision: 'escalate', opinion: '科室内部意见' });
    await actAs(e2e, 'fenguan', id, { type: 'decide', decision: 'escalate', opinion: '分管领导内部意见' });
    await actAs(e2e, 'juzhang', id, {
      type: 'decide',
      decision: 'refuse',
      opinion: '主要领导内部意见',
      workableSuggestion: '可到东关便民市场申请固定摊位，市场监管所协助办理。',
    });
    await actAs(e2e, 'shouwen', id, {
      type: 'recordReply',
      method: 'written',
      // Sent today (China's date), by post, to the applicant's address.
      sentOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      delivery: 'post',
      address: '东关街道幸福小区3号楼',
      content: '书面答复不能办理的原因及说“行”建议。',
    });

    // The applicant, on a phone, without signing in.
    const phone = await newPage(e2e, { mobile: true });
    await lookUp(phone, code.toLowerCase());
    await expect(phone.getByTestId('track-result').getAttribute('data-stage')).resolves.toBe('answered');
    const reply = phone.getByTestId('track-reply');
    await expect(reply.innerText()).resolves.toContain('该路段属于禁止占道经营路段。');
    await expect(reply.innerText()).resolves.toContain('可到东关便民市场申请固定摊位');
    const shown = await phone.getByTestId('track-result').innerText();
    for (const internal of ['内部意见', '13800138000', '李群众', '张']) expect(shown).not.toContain(internal);
    expect(phone.url()).not.toContain(code);
    await shot(phone, 'tracking-phone-zh');
    await phone.getByTestId('lang-switch').click();
    await phone.getByText('What you can do instead').waitFor();
    await shot(phone, 'tracking-phone-en');
    await phone.getByTestId('lang-switch').click();
    await phone.getByText('说“行”建议（可以怎么办）').waitFor();

    await phone.getByTestId('rating-dissatisfied').click();
    await phone.getByTestId('rating-comment').fill('摊位离小区太远，希望再研究。');
    // A double click files one rating.
    await phone.getByTestId('rating-submit').dblclick();
    await phone.getByTestId('track-rated').waitFor();
    await expect(phone.getByTestId('track-rated').innerText()).resolves.toContain('不满意');
    await expect(phone.getByTestId('track-reopen').isVisible()).resolves.toBe(true);
    await shot(phone, 'tracking-phone-rated');
    await phone.context().close();

    const desktop = await newPage(e2e);
    await lookUp(desktop, code);
    await shot(desktop, 'tracking-desktop-zh');
    await desktop.getByTestId('lang-switch').click();
    await desktop.getByText('Your rating').waitFor();
    await shot(desktop, 'tracking-desktop-en');
    await desktop.context().close();

    // The supervision office sees the flag on its rating alerts.
    const office = await newPage(e2e);
    await signIn(office, 'ducha');
    await office.getByTestId('menu-flags').first().click();
    const flag = office.locator(`[data-testid="flag"][data-case-id="${id}"]`);
    await flag.waitFor();
    await expect(flag.innerText()).resolves.toContain('不满意');
    await expect(flag.innerText()).resolves.toContain('摊位离小区太远');
    await shot(office, 'tracking-flags');
    await office.context().close();

    // One rating only, shown on the case page.
    await clerk.reload();
    await clerk.getByTestId('tracking-rating').first().waitFor();
    expect(await clerk.getByTestId('tracking-rating').count()).toBe(1);
    await clerk.context().close();
  });

  it('a wrong code answers as an unknown one', async () => {
    const page = await newPage(e2e, { mobile: true });
    await page.goto('/track');
    await page.getByTestId('track-code').fill('0000-0000-0000-0000');
    await page.getByTestId('track-submit').click();
    await expect(page.getByTestId('track-error').innerText()).resolves.toContain('查询码无效或已失效');
    await page.context().close();
  });
});
