// The public site (/public/) on a phone in Chromium: the published rules, a department's matter list and
// chain, the flow chart; the administrator publishes a new version and prints the posters; a citizen opens
// the report form from a poster's QR link, reports anonymously, gets a code and checks the status page.
// The site's CSP has no `unsafe-inline` and nothing on it is refused by the CSP; in English no Chinese is
// left outside the data; its JavaScript stays within its budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { measurePublicSiteWeight, PUBLIC_SITE_BUDGET_BYTES } from '../bench/web.ts';
import {
  E2E_DIALECTS,
  expectNoChinese,
  newPage,
  shot,
  signIn,
  startE2E,
  userEnteredTexts,
  whatThePageShows,
  type E2E,
} from './support.ts';

const DEPARTMENT = '登记注册科';
const SUMMARY = '不说不能办，只说如何办。遇到“办不成事”，请扫码反映（第二版）。';
const REPORT = '我去登记注册科办理营业执照变更，窗口说材料不全但没有一次性告知缺什么，来了三次还没办成。';

/** Every CSP violation the page reports, in the console or as an event. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  void page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations = (window.__cspViolations || []).concat(e.violatedDirective + ' ' + e.blockedURI);
  });`);
  return violations;
}

async function cspEvents(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('window.__cspViolations || []');
}

describe.each(E2E_DIALECTS)('the public site in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  let posterLink = '';
  let code = '';

  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });

  async function reportCount(): Promise<number> {
    const row = await e2e.server.ctx.database.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
  afterAll(async () => {
    await e2e?.close();
  });

  it('keeps its JavaScript within its budget', () => {
    const weight = measurePublicSiteWeight();
    expect(weight).not.toBeNull();
    expect(Math.max(weight!.gzip, weight!.brotli)).toBeLessThanOrEqual(PUBLIC_SITE_BUDGET_BYTES);
  });

  it('shows the rules, a department’s list and chain, and the flow chart on a phone', async () => {
    const page = await newPage(e2e, { mobile: true });
    const violations = watchCsp(page);
    const res = await page.goto('/public/');
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await page.getByTestId('home-rules').getByText('不说不能办').first().waitFor();
    await shot(page, 'public-home-phone');

    await page.getByTestId('home-read-rules').click();
    await page.getByTestId('rules-rules').getByText('首问负责人').first().waitFor();
    await expect(page.getByTestId('rules-duties').innerText()).resolves.toContain('业务科室负责人');
    await shot(page, 'public-rules-phone');

    await page.getByTestId('nav-units').click();
    await page.getByTestId('department-link').filter({ hasText: DEPARTMENT }).first().click();
    await page.getByTestId('department-matters').waitFor();
    expect(await page.getByTestId('department-matters').locator('li').count()).toBeGreaterThan(0);
    const levels = page.getByTestId('department-chain').getByTestId('flow-level');
    expect(await levels.count()).toBe(4);
    const chainText = await page.getByTestId('department-chain').innerText();
    expect(chainText).toContain('首问责任人');
    expect(chainText).toContain('单位主要领导');
    expect(chainText).not.toMatch(/1[3-9]\d{9}/);
    await shot(page, 'public-department-phone');

    await page.getByTestId('nav-flow').click();
    await page.getByTestId('flow-chart').waitFor();
    expect(await page.getByTestId('flow-level').count()).toBe(4);
    expect(await page.getByTestId('flow-chart').innerText()).toContain('个工作日内审批');
    await shot(page, 'public-flow-phone');

    expect(violations).toEqual([]);
    expect(await cspEvents(page)).toEqual([]);
    await page.context().close();
  });

  it('lets the administrator publish a new version and print the posters', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'admin');
    await page.goto('/admin/portal');
    await page.getByTestId('portal-summary').fill(SUMMARY);
    await page.getByTestId('portal-save').click();
    await page.getByTestId('portal-draft').getByText('草稿').waitFor();
    await page.getByTestId('portal-preview').click();
    await page.getByTestId('portal-preview-body').getByText(SUMMARY).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('portal-publish').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page
      .getByTestId('portal-history')
      .getByText('第 2 版')
      .waitFor()
      .catch(async (e: unknown) => {
        throw new Error(await whatThePageShows(page), { cause: e });
      });
    await shot(page, 'portal-admin');

    await page.goto('/admin/posters');
    const poster = page.getByTestId('poster').filter({ hasText: DEPARTMENT }).first();
    await poster.locator('img.poster-qr').waitFor();
    await expect(poster.innerText()).resolves.toContain(SUMMARY);
    posterLink = (await poster.getAttribute('data-link')) ?? '';
    expect(posterLink).toMatch(/\/public\/report\?department=/);
    await shot(page, 'portal-posters');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'portal-posters-print');
    await page.context().close();

    const pub = await newPage(e2e, { mobile: true });
    await pub.goto('/public/');
    await pub.getByTestId('home-rules').getByText(SUMMARY).waitFor();
    await pub.context().close();
  });

  it('files an anonymous report from the poster’s link and shows its status', async () => {
    const page = await newPage(e2e, { mobile: true });
    const violations = watchCsp(page);
    const url = new URL(posterLink);
    await page.goto(url.pathname + url.search);
    await page.getByTestId('report-form').waitFor();
    const department = page.getByTestId('report-department');
    expect(await department.evaluate((el) => (el as unknown as { value: string }).value)).toBe(
      url.searchParams.get('department'),
    );
    // Without the consent the form says so and sends nothing.
    await page.getByTestId('report-what').fill(REPORT);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('error-consent').waitFor();
    await page.getByTestId('report-consent').check();
    await shot(page, 'public-report-phone');
    // A double click files once: the button is disabled while the first is on its way.
    const before = await reportCount();
    await page.getByTestId('report-submit').dblclick();
    await page
      .getByTestId('receipt-code')
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        throw new Error(await whatThePageShows(page), { cause: e });
      });
    code = (await page.getByTestId('receipt-code').innerText()).trim();
    expect(code.length).toBeGreaterThanOrEqual(12);
    await page.locator('img.qr').waitFor();
    await shot(page, 'public-receipt-phone');
    expect(await reportCount()).toBe(before + 1);

    await page.getByTestId('receipt-status').click();
    await page.getByTestId('status-code').fill(code);
    await page.getByTestId('status-submit').click();
    await page.getByTestId('status-result').waitFor();
    expect(await page.getByTestId('status-what').innerText()).toBe(REPORT);
    expect(page.url()).not.toContain(code);
    await shot(page, 'public-status-phone');

    await page.getByTestId('status-code').fill('WRONG-CODE-0000');
    await page.getByTestId('status-submit').click();
    await page.getByTestId('status-error').waitFor();

    expect(violations).toEqual([]);
    expect(await cspEvents(page)).toEqual([]);
    await page.context().close();
  });

  it('is complete in English: no Chinese outside the data', async () => {
    const page = await newPage(e2e, { mobile: true });
    const violations = watchCsp(page);
    const allowed = [REPORT, SUMMARY, ...(await userEnteredTexts(e2e))];
    await page.goto('/public/');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('home-report').getByText('Report it').waitFor();
    await expectNoChinese(page, allowed);
    await shot(page, 'public-home-en-phone');
    for (const [nav, ready] of [
      ['nav-rules', 'rules-page'],
      ['nav-units', 'unit'],
      ['nav-flow', 'flow-chart'],
      ['nav-report', 'report-form'],
      ['nav-report-status', 'status-code'],
    ] as const) {
      await page.getByTestId(nav).click();
      await page.getByTestId(ready).first().waitFor();
      await expectNoChinese(page, allowed);
    }
    await page.getByTestId('nav-units').click();
    await page.getByTestId('department-link').filter({ hasText: DEPARTMENT }).first().click();
    await page.getByTestId('department-matters').waitFor();
    await expectNoChinese(page, allowed);
    await shot(page, 'public-department-en-phone');
    await page.getByTestId('department-report').click();
    await page.getByTestId('report-consent').check();
    await page.getByTestId('report-what').fill(REPORT);
    await expectNoChinese(page, allowed);
    await shot(page, 'public-report-en-phone');

    const desktop = await newPage(e2e);
    await desktop.goto('/public/flow');
    await desktop.getByTestId('flow-chart').waitFor();
    await shot(desktop, 'public-flow-desktop');
    await desktop.context().close();

    expect(violations).toEqual([]);
    expect(await cspEvents(page)).toEqual([]);
    await page.context().close();
  });
});
