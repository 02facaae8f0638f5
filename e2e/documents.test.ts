// The documents in Chromium: the approval form printed to A4 is one page (Chromium's page.pdf, pages
// counted by poppler) with times in China whatever the browser's zone and the full number for the first
// responder; a written reply recorded with its day sent, way and address; the reply letter downloaded with
// its 文号; an answer that came late says so on the page and in the list.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@bancheng/core';
import { E2E_DIALECTS, SCREENSHOTS, shot, signIn, startE2E, type E2E } from './support.ts';
import { act, apiFrom, stateOf } from './case-steps.ts';
import { seedCase } from '../packages/server/test/factories.ts';
import { opinionOf } from '../packages/server/test/docx-pages.ts';
import { readDocx } from '../packages/server/test/docx-reading.ts';

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe.each(E2E_DIALECTS)('documents in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e.close();
  });

  /** A page in a browser set to New York time: the documents must still say China's time. */
  async function pageInNewYork() {
    const context = await e2e.browser.newContext({
      baseURL: e2e.server.url,
      locale: 'zh-CN',
      timezoneId: 'America/New_York',
      viewport: { width: 1366, height: 860 },
      acceptDownloads: true,
    });
    return context.newPage();
  }

  it('prints the approval form with four 300-character opinions on exactly one A4 page', async () => {
    const c = await seedCase(e2e.server, {
      state: 'closed',
      outcome: 'refused',
      applicant: { kind: 'enterprise', name: '演示市示范食品加工有限公司', phone: '13912345678' },
      receivedAt: '2026-11-20T09:30:00+08:00',
      matterTitle: `在住宅楼一层开办食品加工作坊（打印 ${dialect}）`,
      description: opinionOf(150, '申请'),
      proposal: { reason: 'notPermitted', reasonText: opinionOf(300, '首问') },
      opinions: { 2: opinionOf(300, '科室'), 3: opinionOf(300, '分管'), 4: opinionOf(300, '主要') },
      workableSuggestion: '可在工业园区标准化厂房或小作坊集中区申办，我局提供选址和布局指导。',
      feedback: { accepted: true, text: '申请人表示理解。' },
    });
    const page = await pageInNewYork();
    await signIn(page, 'shouwen');
    await page.goto(`/cases/${c.id}/form`);
    await page.getByTestId('approval-form').waitFor();
    // Received at 09:30 in China: 20:30 the day before in New York; the form says China's time.
    await expect(page.getByTestId('approval-form').textContent()).resolves.toContain('2026-11-20 09:30');
    // The first responder works the case: the form shows the whole number.
    await expect
      .poll(() => page.getByTestId('form-phone').textContent(), { timeout: 10_000 })
      .toBe('13912345678');
    await page.emulateMedia({ media: 'print' });
    const pdfPath = path.join(SCREENSHOTS, `approval-form-print-${dialect}.pdf`);
    writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(1);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', pdfPath, pdfPath.replace(/\.pdf$/, '')]);
    await page.context().close();
  });

  it('records a written reply with its day sent, way and address, after downloading the letter', async () => {
    const title = `书面答复测试（${dialect}）`;
    const c = await seedCase(e2e.server, {
      state: 'refused',
      matterTitle: title,
      applicant: { address: '演示市人民路1号' },
    });
    const page = await pageInNewYork();
    await signIn(page, 'shouwen');
    await page.goto(`/cases/${c.id}`);
    await page.getByTestId('case-page').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('case-reply-letter').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`答复函-${c.number}.docx`);
    const file = path.join(SCREENSHOTS, `reply-letter-${dialect}.docx`);
    await download.saveAs(file);
    const { text } = readDocx(await import('node:fs').then((fs) => fs.readFileSync(file)));
    expect(text).toMatch(/〔\d{4}〕\d+号/);
    expect(text).toContain('（盖章处）');
    expect(text).toContain(`关于“${title}”事项的答复`);

    await act(
      page,
      'recordReply',
      async (p) => {
        await p.locator('.ant-modal').getByText('书面答复', { exact: true }).click();
        await p.getByTestId('reply-address').waitFor();
        await expect(p.getByTestId('reply-address').inputValue()).resolves.toBe('演示市人民路1号');
        await p.getByTestId('reply-address').fill('演示市人民路1号 测试申请人收');
        await shot(p, `written-reply-form-${dialect}`);
      },
      { confirm: true },
    );
    expect(await stateOf(page)).toBe('replied');
    const after = await apiFrom<CaseDetail>(page, { method: 'GET', url: `/api/cases/${c.id}` });
    expect(after.body.facts.replies[0]).toMatchObject({
      channel: 'written',
      sentOn: chinaToday(),
      delivery: 'post',
      address: '演示市人民路1号 测试申请人收',
    });
    expect(after.body.letterNumber).toMatch(/^〔\d{4}〕\d+号$/);
    await page.goto(`/cases/${c.id}/form`);
    await expect(page.getByTestId('form-remarks').textContent()).resolves.toContain(
      `邮寄，${chinaToday()}，演示市人民路1号 测试申请人收`,
    );
    await page.context().close();
  });

  it('keeps 答复逾期 N 个工作日 on a closed case’s page and in the list', async () => {
    const title = `逾期答复测试（${dialect}）`;
    // Received Monday 2 November: due Thursday the 5th; answered Monday the 9th, two working days late.
    const c = await seedCase(e2e.server, {
      state: 'closed',
      outcome: 'refused',
      matterTitle: title,
      receivedAt: '2026-11-02T09:00:00+08:00',
      reply: {
        method: 'written',
        sentOn: '2026-11-09',
        delivery: 'hand',
        address: '本局办事窗口',
        content: '书面答复不能办理的原因',
      },
    });
    const page = await pageInNewYork();
    await signIn(page, 'ducha');
    await page.goto(`/cases/${c.id}`);
    await expect(page.getByTestId('case-late-reply').first().textContent()).resolves.toBe(
      '答复逾期 2 个工作日',
    );
    await page.goto(`/cases?view=all&q=${encodeURIComponent(title)}`);
    await expect(page.getByTestId('case-late-reply').first().textContent()).resolves.toBe(
      '答复逾期 2 个工作日',
    );
    await shot(page, `late-reply-list-${dialect}`);
    await page.context().close();
  });
});
