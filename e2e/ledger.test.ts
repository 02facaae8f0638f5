// The supervision ledger in Chromium (issue 9, acceptance 1 and 2's staff part): a report from a
// department's QR link → the office assesses it in scope and orders the department → the department head
// answers (never seeing who reported) → the office verifies and replies → the reporter reads the reply;
// an out-of-scope report answered and explained; a referral to discipline inspection with its finding; a
// report about a unit received by that unit's discipline inspection; and 200 hostile texts and file names
// shown in the ledger and on the report pages without anything in them running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  E2E_DIALECTS,
  fileReportPublicly,
  newPage,
  pickOption,
  placeIds,
  publicReportStatus,
  shot,
  signIn,
  startE2E,
  TINY_PNG,
  whatThePageShows,
  type E2E,
} from './support.ts';
import { apiFrom } from './case-steps.ts';

const BUREAU = '演示市市场监督管理局';

/** Opens a report's page from the ledger list (by what was reported). */
async function openFromLedger(page: Page, what: string): Promise<void> {
  await page.goto('/ledger');
  await page.getByTestId('ledger-search').locator('input').fill(what.slice(0, 20));
  await page.getByTestId('ledger-search').locator('input').press('Enter');
  const row = page.locator('[data-testid^="report-row-"]', { hasText: what.slice(0, 20) }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.getByTestId('report-link').click();
  await page.getByTestId('report-page').waitFor();
}

/** Takes a step on the report's page: opens its form, fills it, submits, confirms, waits for the change. */
async function step(page: Page, action: string, fill: (p: Page) => Promise<void>): Promise<void> {
  const before = await page.getByTestId('report-page').getAttribute('data-version');
  await page.getByTestId(`report-action-${action}`).click();
  await fill(page);
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-confirm').click();
  await expect
    .poll(() => page.getByTestId('report-page').getAttribute('data-version'), { timeout: 30_000 })
    .not.toBe(before)
    .catch(async (e: unknown) => {
      await shot(page, `ledger-step-failed-${action}`);
      throw new Error(`${action}: the report did not change\n${await whatThePageShows(page)}`, { cause: e });
    });
}

const stateOf = (page: Page) => page.getByTestId('report-page').getAttribute('data-state');

describe.each(E2E_DIALECTS)('the supervision ledger in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('report in scope → order → the department head answers → verified → replied → the reporter reads it', async () => {
    const place = await placeIds(e2e, BUREAU, '登记注册科');
    const what = '在登记注册科窗口办理营业执照变更，工作人员以系统故障为由三次让我改日再来（QR）';
    // The citizen, on a phone, from the department's poster QR link: anonymous, a code.
    const citizen = await newPage(e2e, { mobile: true });
    await citizen.goto(`/public/report?department=${place.departmentId}`);
    await citizen.getByTestId('report-form').waitFor();
    await citizen.getByTestId('report-what').fill(what);
    await citizen.getByTestId('report-consent').check();
    await citizen.getByTestId('report-submit').click();
    await citizen.getByTestId('receipt-code').waitFor({ timeout: 60_000 });
    const code = (await citizen.getByTestId('receipt-code').innerText()).trim();
    await shot(citizen, 'ledger-citizen-receipt');
    expect((await publicReportStatus(e2e, code)).body.stage).toBe('received');

    // The supervision office: the ledger, the report, in scope, an order to the department.
    const office = await newPage(e2e);
    await signIn(office, 'ducha');
    await openFromLedger(office, what);
    await expect(office.getByTestId('report-reporter').innerText()).resolves.toContain('匿名');
    await step(office, 'triage', async (p) => {
      await p.getByTestId('triage-inScope').click();
    });
    expect(await stateOf(office)).toBe('inLedger');
    await step(office, 'supervise', async (p) => {
      await pickOption(p, '#report_departmentId', '登记注册科');
      await p.getByTestId('report-form-instructions').fill('请核实窗口拒办原因，三个工作日内办结并反馈。');
      await p.locator('#report_dueWorkdays').fill('3');
    });
    expect(await stateOf(office)).toBe('supervising');
    await office.getByTestId('report-order').first().waitFor();
    await shot(office, 'ledger-report-supervising');

    // The department head: the order in the to-do, the matter without the reporter, the answer.
    const head = await newPage(e2e);
    await signIn(head, 'keshi');
    await head.getByTestId('home-orders').getByTestId('order-task').first().click();
    await head.getByTestId('order-page').waitFor();
    await expect(head.getByTestId('order-what').innerText()).resolves.toContain('系统故障');
    // The matter, never the reporter: the order's page has no reporter at all (its API neither).
    await expect(head.getByTestId('report-reporter').count()).resolves.toBe(0);
    await head
      .getByTestId('order-answer-text')
      .fill('经核实系窗口人员未按规定办理，已当场为其办结变更并批评教育。');
    await head.getByTestId('order-submit').click();
    await head.getByTestId('order-confirm').click();
    await expect
      .poll(() => head.getByTestId('order-page').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('answered')
      .catch(async (e: unknown) => {
        await shot(head, 'ledger-order-answer-failed');
        throw new Error(`the answer was not taken\n${await whatThePageShows(head)}`, { cause: e });
      });
    await shot(head, 'ledger-order-answered');
    await head.context().close();

    // The office verifies and replies.
    await office.reload();
    await office.getByTestId('report-page').waitFor();
    await step(office, 'verifyOrder', async (p) => {
      await p.getByTestId('verify-accept').click();
    });
    expect(await stateOf(office)).toBe('inLedger');
    const reply = '经督办，登记注册科已为您办结营业执照变更，并对相关人员进行了批评教育。';
    await step(office, 'reply', async (p) => {
      await p.getByTestId('report-form-text').fill(reply);
    });
    expect(await stateOf(office)).toBe('closed');
    await expect(office.getByTestId('report-reply').innerText()).resolves.toBe(reply);
    await shot(office, 'ledger-report-closed');
    await office.context().close();

    // The citizen reads the reply on the status page.
    await citizen.goto('/public/report-status');
    await citizen.getByTestId('status-code').fill(code);
    await citizen.getByTestId('status-submit').click();
    await citizen.getByTestId('status-reply').waitFor();
    await expect(citizen.getByTestId('status-stage').getAttribute('data-stage')).resolves.toBe('answered');
    await expect(citizen.getByTestId('status-reply').innerText()).resolves.toContain(reply);
    await shot(citizen, 'ledger-citizen-reply');
    await citizen.context().close();
  });

  it('an out-of-scope report registered from a phone call is answered and explained', async () => {
    const office = await newPage(e2e);
    await signIn(office, 'ducha');
    await office.goto('/ledger');
    await office.getByTestId('ledger-register').click();
    await office.getByTestId('register-source-phone').click();
    const what = '来电反映：小区物业费收费过高，希望市场监管局出面调解（越权）';
    await office.locator('#reportRegister_what').fill(what);
    await pickOption(office, '#reportRegister_unitId', BUREAU);
    await office.getByTestId('register-report-submit').click();
    await office.getByTestId('register-report-code').waitFor({ timeout: 15_000 });
    const code = (await office.getByTestId('register-report-code').innerText()).trim();
    await shot(office, 'ledger-registered');
    await office.getByTestId('register-report-open').click();
    await office.getByTestId('report-page').waitFor();
    const answer = '物业服务收费由住房城乡建设部门监管，请向区住建局物业科反映，电话 12345。';
    await step(office, 'triage', async (p) => {
      await p.getByTestId('triage-outOfScope').click();
      await p.getByTestId('report-form-publicAnswer').fill(answer);
    });
    expect(await stateOf(office)).toBe('closed');
    await expect(office.getByTestId('report-public-answer').innerText()).resolves.toBe(answer);
    await office.context().close();
    const status = await publicReportStatus(e2e, code);
    expect(status.body.stage).toBe('closed');
    expect(status.body.reply?.text).toBe(answer);
  });

  it('a referral to discipline inspection gets its finding, then the reporter is answered', async () => {
    const place = await placeIds(e2e, BUREAU, '价格监督检查科');
    const what = '价格监督检查科工作人员暗示需要请客送礼才能加快办理（移送）';
    await fileReportPublicly(e2e, { what, ...place });
    const office = await newPage(e2e);
    await signIn(office, 'ducha');
    await openFromLedger(office, what);
    await step(office, 'triage', async (p) => {
      await p.getByTestId('triage-inScope').click();
    });
    await step(office, 'referToDiscipline', async (p) => {
      await p.getByTestId('report-form-note').fill('涉嫌索要好处，移送纪检监察室核查。');
    });
    expect(await stateOf(office)).toBe('referred');

    const jijian = await newPage(e2e);
    await signIn(jijian, 'jijian');
    await jijian.getByTestId('menu-referrals').first().click();
    await jijian.getByTestId('referral-link').first().click();
    await jijian.getByTestId('report-page').waitFor();
    await step(jijian, 'recordFinding', async (p) => {
      await p.getByTestId('finding-substantiated').click();
      await p.getByTestId('report-form-notes').fill('经核查，反映问题属实。');
      await p.getByTestId('report-form-accountability').fill('对当事人诫勉谈话');
    });
    await expect(jijian.getByTestId('finding-result').innerText()).resolves.toBe('问题属实');
    await shot(jijian, 'ledger-finding');
    await jijian.context().close();

    await office.reload();
    await office.getByTestId('report-page').waitFor();
    expect(await stateOf(office)).toBe('inLedger');
    await step(office, 'reply', async (p) => {
      await p.getByTestId('report-form-text').fill('您反映的问题经纪检监察部门核查属实，已严肃处理。');
    });
    expect(await stateOf(office)).toBe('closed');
    await office.context().close();
  });

  it("a report about a unit goes to that unit's discipline inspection; the city office oversees it", async () => {
    const place = await placeIds(e2e, '城区分局', '市场监管股');
    const what = '城区分局市场监管股对我的食品经营许可申请一直不予答复（分局）';
    await fileReportPublicly(e2e, { what, ...place });

    const unitInspection = await newPage(e2e);
    await signIn(unitInspection, 'cqjj');
    await openFromLedger(unitInspection, what);
    await expect(unitInspection.getByTestId('report-action-triage').isVisible()).resolves.toBe(true);
    await step(unitInspection, 'triage', async (p) => {
      await p.getByTestId('triage-inScope').click();
    });
    expect(await stateOf(unitInspection)).toBe('inLedger');
    await shot(unitInspection, 'ledger-unit-report');
    await unitInspection.context().close();

    // The city office sees it and acts on none of it.
    const office = await newPage(e2e);
    await signIn(office, 'ducha');
    await openFromLedger(office, what);
    await expect(office.getByTestId('report-action-supervise').count()).resolves.toBe(0);
    await office.context().close();

    // Another unit's discipline inspection does not even see it.
    const other = await newPage(e2e);
    await signIn(other, 'dcjj');
    const id = await apiFrom<{ items: { id: string; what: string }[] }>(other, {
      method: 'GET',
      url: `/api/ledger/reports?q=${encodeURIComponent('分局')}`,
    });
    expect(id.body.items.some((r) => r.what === what)).toBe(false);
    await other.context().close();
  });

  it('200 hostile texts and file names show in the ledger and on report pages as text, and none runs', async () => {
    const place = await placeIds(e2e, BUREAU, '消费者权益保护科');
    const hostile = (i: number) =>
      [
        `<script>window.__pwned=${i}</script>`,
        `<img src=x onerror="window.__pwned=${i}">`,
        `<a href="javascript:window.__pwned=${i}">点我</a>`,
        `<svg onload="window.__pwned=${i}"><circle r="5"/></svg>`,
        `{{constructor.constructor('window.__pwned=${i}')()}}`,
        `\${window.__pwned=${i}}`,
        `<iframe srcdoc="<script>parent.__pwned=${i}</script>">`,
        `"><body onload=window.__pwned=${i}>`,
        `<details open ontoggle=window.__pwned=${i}>`,
        `${'长'.repeat(1500)}<b>${i}</b>`,
      ][i % 10]!;
    const office = await newPage(e2e);
    await signIn(office, 'ducha');
    // Through the API, as the office's registration sends it: 200 reports, 40 of them with a file whose
    // name is hostile too.
    const made = await office.evaluate(
      async ({ count, unitId, departmentId, png, texts }) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
        const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          const res = await fetch('/api/ledger/reports', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-csrf-token': me.csrfToken,
              'idempotency-key': `hostile-${i}-${Math.random().toString(16).slice(2)}`,
            },
            body: JSON.stringify({
              source: 'letter',
              what: texts[i],
              unitId,
              departmentId,
              counter: texts[i]!.slice(0, 100),
              name: texts[i]!.slice(0, 50),
            }),
          });
          if (res.status !== 201) throw new Error(`register ${i}: ${res.status} ${await res.text()}`);
          const id = ((await res.json()) as { report: { id: string } }).report.id;
          ids.push(id);
          if (i % 5 === 0) {
            const form = new FormData();
            form.append('file', new Blob([bytes], { type: 'image/png' }), `${texts[i]!.slice(0, 120)}.png`);
            const up = await fetch(`/api/ledger/reports/${id}/attachments`, {
              method: 'POST',
              headers: { 'x-csrf-token': me.csrfToken },
              body: form,
            });
            if (up.status !== 201) throw new Error(`upload ${i}: ${up.status} ${await up.text()}`);
          }
        }
        return ids;
      },
      {
        count: 200,
        unitId: place.unitId,
        departmentId: place.departmentId,
        png: TINY_PNG.toString('base64'),
        texts: Array.from({ length: 200 }, (_, i) => hostile(i)),
      },
    );
    expect(made).toHaveLength(200);

    const dialogs: string[] = [];
    office.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const consoleErrors: string[] = [];
    office.on('console', (m) => {
      if (m.type() === 'error' && /pwned/i.test(m.text())) consoleErrors.push(m.text());
    });
    const pwned = () => office.evaluate<unknown>('window.__pwned');

    await office.goto('/ledger?pageSize=100');
    await office.locator('[data-testid^="report-row-"]').nth(99).waitFor({ timeout: 30_000 });
    await expect(
      office.getByText('<script>window.__pwned=190</script>', { exact: false }).count(),
    ).resolves.toBeGreaterThan(0);
    await shot(office, 'ledger-hostile-list');
    await office.getByTestId('pager-next').click();
    await office.locator('[data-testid^="report-row-"]').nth(99).waitFor({ timeout: 30_000 });
    expect(await pwned()).toBeUndefined();

    // Every report with a hostile file name, and one of each kind of text, on its page.
    const pages = new Set([...made.filter((_, i) => i % 5 === 0), ...made.slice(0, 10)]);
    for (const id of pages) {
      await office.goto(`/ledger/${id}`);
      await office.getByTestId('report-page').waitFor();
      await office.getByTestId('report-what').waitFor();
    }
    await office.goto(`/ledger/${made[0]}`);
    await office.getByTestId('report-attachment').waitFor();
    // The text as typed, as text; the file name as the server kept it (made safe for a file system).
    await expect(office.getByTestId('report-what').innerText()).resolves.toBe(hostile(0));
    const kept = await apiFrom<{ attachments: { fileName: string }[] }>(office, {
      method: 'GET',
      url: `/api/ledger/reports/${made[0]}`,
    });
    await expect(office.getByTestId('report-attachment').innerText()).resolves.toContain(
      kept.body.attachments[0]!.fileName,
    );
    await shot(office, 'ledger-hostile-report');
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await office.context().close();
  }, 400_000);
});
