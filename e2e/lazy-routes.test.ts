// Pages arrive as chunks of their own: a deep link opens straight onto its page, and a chunk that is
// gone (the tab outlived a deploy) shows a reload prompt instead of a blank screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, pickOption, shot, signIn, startE2E, type E2E } from './support.ts';

/** Every later request for the chunk fails, as it does once a deploy has replaced it; the function
 * returned brings it back. */
async function loseChunk(page: Page, name: string): Promise<() => Promise<void>> {
  const chunk = new RegExp(`/assets/${name}-[\\w-]+\\.js$`);
  await page.route(chunk, (route) => route.abort());
  return () => page.unroute(chunk);
}

describe('pages loaded as they are needed (Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('opens a deep link to a case page directly, in a new tab of a signed-in browser', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const found = await (await page.request.get('/api/cases?view=all&pageSize=1')).json();
    const tab = await page.context().newPage();
    await tab.goto(`/cases/${found.items[0].id}`);
    await tab.getByTestId('case-number').waitFor();
    await expect(tab.getByTestId('case-number').textContent()).resolves.toBe(found.items[0].number);
    await tab.getByTestId('logout').waitFor();
    await page.context().close();
  });

  it('asks to reload when a page’s chunk cannot be fetched, and the reload brings the page', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const restore = await loseChunk(page, 'CasesPage');
    await page.getByTestId('menu-todo').first().click();
    const prompt = page.getByTestId('chunk-load-failed');
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toContain('页面未能加载');
    // The frame stays: the menu still works around the missing page.
    await expect(page.getByTestId('logout').isVisible()).resolves.toBe(true);
    await shot(page, 'chunk-load-failed-zh');

    await restore();
    await page.getByTestId('chunk-reload').click();
    await page.getByTestId('cases-tab-todo').waitFor();
    await page.context().close();
  });

  it('says the same in English, and a page whose chunk is there still opens from the menu', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    await page.getByTestId('lang-switch').first().click();
    await page.getByText('Sign out').first().waitFor();
    // English is a chunk of its own (i18n/index.tsx): a reload waits for it rather than flashing Chinese.
    await page.reload();
    await page.getByText('Sign out').first().waitFor();
    await loseChunk(page, 'NotificationsPage');
    await page.getByTestId('menu-notifications').first().click();
    await page.getByTestId('chunk-load-failed').waitFor();
    await expect(page.getByTestId('chunk-load-failed').textContent()).resolves.toContain(
      'This page could not be loaded',
    );
    await expect(page.getByTestId('chunk-reload').textContent()).resolves.toContain('Reload');

    await page.getByTestId('menu-cases').first().click();
    await page.getByTestId('cases-tab-all').waitFor();
    await expect(page.getByTestId('chunk-load-failed').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('lists cases as soon as the rows arrive; the filters come a moment later, and a row opens its case', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'juzhang');
    await page.goto('/cases?view=all');
    await page.locator('[data-testid^="case-row-"]').first().waitFor();
    // The state filter's picker is a chunk of its own (lists/LazySelect.tsx): picking waits for it.
    await pickOption(page, '[data-testid="cases-filter-state"]', '办理中');
    await expect
      .poll(() => page.getByTestId('case-state').evaluateAll((tags) => tags.map((t) => t.dataset['state'])))
      .toEqual(expect.arrayContaining(['open']));
    await expect
      .poll(() =>
        page
          .getByTestId('case-state')
          .evaluateAll((tags) => tags.every((t) => t.dataset['state'] === 'open')),
      )
      .toBe(true);
    const row = page.locator('[data-testid^="case-row-"]').first();
    const number = (await row.getAttribute('data-testid'))?.replace('case-row-', '');
    await row.getByTestId('case-link').click();
    await page.getByTestId('case-number').waitFor();
    await expect(page.getByTestId('case-number').textContent()).resolves.toBe(number);
    await page.context().close();
  });
});
