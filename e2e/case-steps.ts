// Steps the case browser tests share: acting on a case from its page, reading its state, a chain level's
// decision by another person, and a request from inside the page as the app itself sends it.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, shot, signIn, whatThePageShows, type E2E } from './support.ts';

/** Opens an action's modal, fills it, submits (and confirms when asked), and waits for the new state. */
export async function act(
  page: Page,
  action: string,
  fill: (p: Page) => Promise<void>,
  options: { confirm?: boolean } = {},
) {
  const before = await page.getByTestId('case-page').getAttribute('data-version');
  await page.getByTestId(`action-${action}`).click();
  await fill(page);
  await page.getByTestId('action-submit').click();
  if (options.confirm) await page.getByTestId('action-confirm').click();
  // The page's data-version changes once the server's answer is shown.
  await expect
    .poll(() => page.getByTestId('case-page').getAttribute('data-version'), { timeout: 30_000 })
    .not.toBe(before)
    .catch(async (e: unknown) => {
      await shot(page, `act-failed-${action}`);
      throw new Error(`${action}: the case did not change\n${await whatThePageShows(page)}`, { cause: e });
    });
}

export async function stateOf(page: Page): Promise<string | null> {
  return page.getByTestId('case-state').first().getAttribute('data-state');
}

/** `username` opens the case at `url` and decides; answers the state after. */
export async function decide(
  e2e: E2E,
  username: string,
  url: string,
  decision: string,
  extra?: (p: Page) => Promise<void>,
) {
  const page = await newPage(e2e);
  await signIn(page, username);
  await page.goto(url);
  await page.getByTestId('case-page').waitFor();
  await act(
    page,
    'decide',
    async (p) => {
      await p.getByTestId(`decision-${decision}`).click();
      await p.locator('#action_opinion').fill(`${username} 的审批意见`);
      await extra?.(p);
    },
    // A final refusal and an escalation (上报) each ask for confirmation.
    { confirm: decision === 'refuse' || decision === 'escalate' },
  );
  const state = await stateOf(page);
  await page.context().close();
  return state;
}

/** A request from inside the page, with its session and CSRF token, as the app itself sends it. */
export async function apiFrom<B = unknown>(
  page: Page,
  request: { method: string; url: string; body?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; body: B }> {
  return page.evaluate(async (r) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const res = await fetch(r.url, {
      method: r.method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, ...r.headers },
      ...(r.body !== undefined && { body: JSON.stringify(r.body) }),
    });
    return { status: res.status, body: (await res.json()) as B };
  }, request);
}
