// The calendar says loudly what it does not know: on 30 December 2026, with 2027 not loaded, a reply due
// in 2027 says in words that it assumed weekends only (case page, list); an administrator's home page
// warns in Chinese and English, the calendar page lists each year's source, and importing 2027 from a CSV
// file ends the warning. Other people see no warning.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { registerCaseBodySchema } from '@bancheng/core';
import { fixedClock } from '../packages/server/src/platform/clock.ts';
import { actOnCase, registerCase } from '../packages/server/src/modules/cases/case-service.ts';
import { findPersonRowByUsername } from '../packages/server/src/modules/people/people-repository.ts';
import { E2E_DIALECTS, newPage, shot, signIn, startE2E, whatThePageShows, type E2E } from './support.ts';

describe.each(E2E_DIALECTS)('the calendar warning and page (Chromium) [%s]', (dialect) => {
  let e2e: E2E;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2E(dialect, { clock: fixedClock('2026-12-30T02:00:00Z') });
    page = await newPage(e2e);
    await signIn(page, 'admin');
  });
  afterAll(async () => {
    await page?.context().close();
    await e2e?.close();
  });

  it('says on the case page and in the list that a reply due in 2027 assumed weekends only', async () => {
    const ctx = e2e.server.ctx;
    const id = async (u: string) => (await findPersonRowByUsername(ctx.database.db, u))?.id ?? '';
    const [shouwen = '', keshi = '', fenguan = '', juzhang = ''] = await Promise.all(
      ['shouwen', 'keshi', 'fenguan', 'juzhang'].map(id),
    );
    const as = (personId: string) => ({ personId, address: null });
    const title = '跨年答复的说不事项';
    let c = await registerCase(
      ctx,
      as(shouwen),
      registerCaseBodySchema.parse({
        applicant: { kind: 'person', name: '测试申请人', phone: '13912345678' },
        channel: 'visit',
        receivedAt: '2026-12-29T09:30:00+08:00',
        matterType: 'licensing',
        matterTitle: title,
        description: '跨年的答复期限',
      }),
    );
    const step = async (personId: string, action: Parameters<typeof actOnCase>[2]['request']['action']) => {
      c = await actOnCase(ctx, as(personId), { id: c.id, request: { version: c.version, action } });
    };
    await step(shouwen, { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '不允许' });
    await step(keshi, { type: 'decide', decision: 'escalate', opinion: '提级' });
    await step(fenguan, { type: 'decide', decision: 'escalate', opinion: '提级' });
    await step(juzhang, {
      type: 'decide',
      decision: 'refuse',
      opinion: '确实不能办',
      workableSuggestion: '可另行申办',
    });
    expect(c).toMatchObject({ state: 'refused', dueProvisional: true });
    expect(c.dueDate?.startsWith('2027-')).toBe(true);

    const clerk = await newPage(e2e);
    try {
      await signIn(clerk, 'shouwen');
      await clerk.goto(`/cases/${encodeURIComponent(c.id)}`);
      const note = clerk.getByTestId('case-due-provisional');
      await note.waitFor();
      await expect(note.textContent()).resolves.toBe('截止日期按周末推算，2027年节假日安排尚未载入');
      await shot(clerk, 'case-due-provisional');
      await clerk.goto(`/cases?q=${encodeURIComponent(title)}`);
      const row = clerk.locator('tr', { hasText: title });
      await row.getByTestId('due-provisional').waitFor();
      await expect(row.getByTestId('due-provisional').textContent()).resolves.toBe('按周末推算');
      await expect(row.getByTestId('due-provisional').getAttribute('aria-label')).resolves.toContain(
        '2027年节假日安排尚未载入',
      );
    } finally {
      await clerk.context().close();
    }
  });

  it('warns the administrator on the home page, in Chinese and in English', async () => {
    const warning = page.getByTestId('calendar-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('2027年节假日安排尚未载入');
    await expect(warning.textContent()).resolves.toContain('暂按周末推算');
    await shot(page, 'calendar-warning-zh');
    await page.getByTestId('lang-switch').first().click();
    await warning.filter({ hasText: 'The 2027 holiday schedule is not loaded' }).waitFor();
    await expect(warning.textContent()).resolves.toContain('counted by weekends only');
    await shot(page, 'calendar-warning-en');
    await page.getByTestId('lang-switch').first().click();
    await warning.filter({ hasText: '2027年节假日安排尚未载入' }).waitFor();
  });

  it('lists the years with their source, and an imported 2027 ends the warning', async () => {
    await page.getByTestId('calendar-warning-link').click();
    await page.getByTestId('calendar-source-2026').waitFor();
    await expect(page.getByTestId('calendar-source-2026').textContent()).resolves.toBe('系统自带');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-calendar-'));
    const file = path.join(dir, '2027.csv');
    fs.writeFileSync(file, '日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,休,春节\n2027-02-20,班,春节\n');
    try {
      await page.getByTestId('calendar-import').click();
      await page.locator('.ant-modal:visible input[type=file]').setInputFiles(file);
      await page.getByTestId('calendar-import-submit').click();
      await page
        .getByTestId('calendar-source-2027')
        .waitFor({ timeout: 10_000 })
        .catch(async (e: unknown) => {
          throw new Error(`${String(e)}\n${await whatThePageShows(page)}`);
        });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await expect(page.getByTestId('calendar-source-2027').textContent()).resolves.toBe('文件导入');
    await expect(page.getByTestId('calendar-warning').count()).resolves.toBe(0);
    await shot(page, 'calendar-page');
    await page.getByTestId('menu-home').first().click();
    await page.getByTestId('home-greeting').waitFor();
    await expect(page.getByTestId('calendar-warning').count()).resolves.toBe(0);
  });

  it('shows no warning to a first responder', async () => {
    const other = await newPage(e2e);
    try {
      await signIn(other, 'shouwen');
      await other.getByTestId('home-greeting').waitFor();
      await expect(other.getByTestId('calendar-warning').count()).resolves.toBe(0);
    } finally {
      await other.context().close();
    }
  });
});
