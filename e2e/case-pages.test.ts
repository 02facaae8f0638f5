// Keyset pages of the case list in Chromium: next and previous, the page number and the count, and a
// reload on a later page keeps its place and its way back (the cursors are in the URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, shot, signIn, startE2E, type E2E } from './support.ts';

/** The case numbers of the page, once its first row is `first` (the previous page stays on screen,
 * dimmed, while the next one loads). */
async function numbersShown(page: Page, first: string | undefined): Promise<string[]> {
  await page.getByTestId('pager').waitFor();
  await page
    .getByTestId('case-link')
    .first()
    .filter({ hasText: first ?? '' })
    .waitFor();
  return page.getByTestId('case-link').allTextContents();
}

describe('case list pages (Chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('pages forward and back, each case once, and keeps the page across a reload', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'ducha');
    const all = await (await page.request.get('/api/cases?view=all&pageSize=100')).json();
    const expected: string[] = all.items.map((i: { number: string }) => i.number);
    expect(expected.length).toBeGreaterThan(6);
    await page.goto('/cases?view=all&pageSize=3');
    const first = await numbersShown(page, expected[0]);
    expect(first).toEqual(expected.slice(0, 3));
    await expect(page.getByTestId('pager-total').textContent()).resolves.toContain(String(expected.length));
    await expect(page.getByTestId('pager-previous').isDisabled()).resolves.toBe(true);
    await page.getByTestId('pager-next').click();
    await page.waitForURL(/cursor=/);
    const second = await numbersShown(page, expected[3]);
    expect(second).toEqual(expected.slice(3, 6));
    await expect(page.getByTestId('pager-page').textContent()).resolves.toContain('2');
    await page.getByTestId('pager-next').click();
    await page.waitForURL(/back=/);
    expect(await numbersShown(page, expected[6])).toEqual(expected.slice(6, 9));
    await page.reload();
    expect(await numbersShown(page, expected[6])).toEqual(expected.slice(6, 9));
    await shot(page, 'case-list-page-3');
    await page.getByTestId('pager-previous').click();
    await page.waitForURL((url) => !url.search.includes('back='));
    expect(await numbersShown(page, expected[3])).toEqual(second);
    await page.getByTestId('pager-previous').click();
    await page.waitForURL((url) => !url.search.includes('cursor='));
    expect(await numbersShown(page, expected[0])).toEqual(first);
    await page.context().close();
  });
});
