// Issue 8: a double click never files twice, and a case page never shows a state older than the list's.
// Double clicks on 登记 and on every action's submit (and its confirmation) make one case and one decision
// each; a registration replayed with its Idempotency-Key is answered with the same case; a case opened
// from the list within a second of another person's decision shows that decision.
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
import { apiFrom as apiRequest } from './case-steps.ts';

interface ApiAnswer {
  status: number;
  body: { id?: string; version?: number; state?: string; total?: number; items?: { id: string }[] };
}

const apiFrom = (page: Page, request: Parameters<typeof apiRequest>[1]) =>
  apiRequest<ApiAnswer['body']>(page, request);

const caseOf = async (page: Page, id: string) =>
  (await apiFrom(page, { method: 'GET', url: `/api/cases/${id}` })).body as {
    number: string;
    version: number;
    state: string;
    decisions: unknown[];
    timeline: { type: string }[];
  };

async function stateOf(page: Page): Promise<string | null> {
  return page.getByTestId('case-page').getByTestId('case-state').first().getAttribute('data-state');
}

/** Double-clicks an action's submit (and its confirmation's OK) and waits for the new version. */
async function doubleClickAction(
  page: Page,
  action: string,
  fill: (p: Page) => Promise<void>,
  options: { confirm?: boolean } = {},
): Promise<void> {
  // The page has its case as fetched on opening: nothing re-renders the form under the pickers.
  await page.waitForLoadState('networkidle');
  const before = await page.getByTestId('case-page').getAttribute('data-version');
  await page.getByTestId(`action-${action}`).click();
  await fill(page);
  await page.getByTestId('action-submit').dblclick();
  if (options.confirm) await page.getByTestId('action-confirm').dblclick();
  await expect
    .poll(() => page.getByTestId('case-page').getAttribute('data-version'), { timeout: 30_000 })
    .not.toBe(before)
    .catch(async (e: unknown) => {
      await shot(page, `double-submit-failed-${action}`);
      throw new Error(`${action}: the case did not change\n${await whatThePageShows(page)}`, { cause: e });
    });
  // Only one confirmation ever opened, and the modal is closed.
  // (Their closing animations take a while on a busy machine.)
  await expect.poll(() => page.locator('.ant-modal:visible').count(), { timeout: 10_000 }).toBe(0);
}

/** A case registered and proposed for refusal through the API by the signed-in first responder. */
async function caseAtDeptHead(page: Page, title: string): Promise<{ id: string; version: number }> {
  const created = await apiFrom(page, {
    method: 'POST',
    url: '/api/cases',
    body: {
      applicant: { kind: 'person', name: '测试申请人', phone: '13800138000' },
      channel: 'visit',
      receivedAt: new Date().toISOString(),
      matterType: 'service',
      matterTitle: title,
      description: '需要逐级请示',
    },
  });
  const id = created.body.id ?? '';
  const proposed = await apiFrom(page, {
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    body: {
      version: created.body.version,
      action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '把握不准' },
    },
  });
  expect(proposed.status).toBe(200);
  return { id, version: proposed.body.version ?? -1 };
}

/** Goes to all the cases the person may see in the app (no reload: the app's cache stays) and searches a number. */
async function findInList(page: Page, number: string): Promise<void> {
  await page.getByTestId('menu-cases').first().click();
  await page.getByTestId('cases-tab-all').click();
  await page.getByTestId('cases-search').locator('input').fill(number);
  await page.getByTestId('cases-search').locator('input').press('Enter');
  await expect.poll(() => page.locator('.list-table tbody tr').count(), { timeout: 10_000 }).toBe(1);
  await page.getByTestId(`case-row-${number}`).waitFor();
}

describe.each(E2E_DIALECTS)('double submits and stale case pages in Chromium [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('double-clicking 登记, an action’s submit and its confirmation files once; a replayed key answers the same case', async () => {
    const page = await newPage(e2e);
    await signIn(page, 'shouwen');
    const title = `双击登记测试 ${dialect} ${Date.now()}`;
    const sent: { headers: Record<string, string>; body: string }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/cases') {
        sent.push({ headers: r.headers(), body: r.postData() ?? '' });
      }
    });
    await page.getByTestId('menu-cases').first().click();
    await page.getByTestId('case-register').click();
    await page.locator('#register_applicant_name').fill('双击测试申请人');
    await page.locator('#register_applicant_phone').fill('13800138000');
    await page.locator('#register_channel').getByText('窗口').click();
    await pickOption(page, '#register_matterType', '政务服务事项');
    await page.locator('#register_matterTitle').fill(title);
    await page.locator('#register_description').fill('申请人当面提出，窗口人员双击了登记。');
    await page.getByTestId('register-submit').dblclick();
    await page
      .getByTestId('case-page')
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) => {
        await shot(page, 'double-register-failed');
        throw new Error(`registration did not open the case\n${await whatThePageShows(page)}`, { cause: e });
      });
    const id = await page.getByTestId('case-page').getAttribute('data-case-id');
    const found = await apiFrom(page, {
      method: 'GET',
      url: `/api/cases?view=mine&q=${encodeURIComponent(title)}`,
    });
    expect(found.body.total).toBe(1);
    expect(found.body.items?.map((c) => c.id)).toEqual([id]);

    // Every registration request the page sent carried a key, and all of them the same one.
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const keys = new Set(sent.map((s) => s.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    const key = [...keys][0];
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    // Replayed with the same key (a retry after a lost answer): the same case, still only one.
    const replayed = await apiFrom(page, {
      method: 'POST',
      url: '/api/cases',
      headers: { 'idempotency-key': key ?? '' },
      body: JSON.parse(sent[0]?.body ?? '{}') as unknown,
    });
    expect(replayed.status).toBe(201);
    expect(replayed.body.id).toBe(id);
    expect(
      (await apiFrom(page, { method: 'GET', url: `/api/cases?view=mine&q=${encodeURIComponent(title)}` }))
        .body.total,
    ).toBe(1);

    // An action with a confirmation (the notice's template filled in under each heading): a double click
    // on its submit opens one confirmation, a double click on that gives one notice.
    await doubleClickAction(
      page,
      'giveOneTimeNotice',
      (p) =>
        p
          .locator('#action_notice')
          .fill(
            [
              '一、办理依据：《市场主体登记管理条例》',
              '二、办理程序：网上申请，窗口受理',
              '三、所需材料：申请书、营业执照',
              '四、办理时限：1个工作日',
              '五、办理地点及联系方式：市民之家一楼窗口',
            ].join('\n'),
          ),
      { confirm: true },
    );
    expect(await stateOf(page)).toBe('closed');
    const after = await caseOf(page, id ?? '');
    expect(after.version).toBe(1);
    expect(after.timeline.map((e) => e.type)).toEqual([
      'case.registered',
      'case.trackingCodeIssued',
      'case.giveOneTimeNotice',
    ]);
    await page.context().close();
  });

  it('double-clicking each level’s decision, and the final refusal’s confirmation, decides once', async () => {
    const responder = await newPage(e2e);
    await signIn(responder, 'shouwen');
    const { id, version } = await caseAtDeptHead(responder, `双击审批测试 ${dialect}`);
    await responder.context().close();

    const decideIn = async (username: string, decision: 'escalate' | 'refuse') => {
      const p = await newPage(e2e);
      await signIn(p, username);
      await p.goto(`/cases/${id}`);
      await p.getByTestId('case-page').waitFor();
      await doubleClickAction(
        p,
        'decide',
        async (q) => {
          await q.getByTestId(`decision-${decision}`).click();
          await q.locator('#action_opinion').fill(`${username} 的审批意见`);
          if (decision === 'refuse') {
            await q.locator('#action_workableSuggestion').fill('可改为线上申请，我局提供指导。');
          }
        },
        // Both a final refusal and an escalation (上报) ask for confirmation.
        { confirm: true },
      );
      return p;
    };
    const head = await decideIn('keshi', 'escalate');
    expect((await caseOf(head, id)).decisions).toHaveLength(1);
    // The leader in charge passes it on through the API; the principal leader refuses with a confirmation.
    const leader = await newPage(e2e);
    await signIn(leader, 'fenguan');
    const escalated = await apiFrom(leader, {
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      body: {
        version: version + 1,
        action: { type: 'decide', decision: 'escalate', opinion: '提请主要领导审定' },
      },
    });
    expect(escalated.status).toBe(200);
    const principal = await decideIn('juzhang', 'refuse');
    const final = await caseOf(principal, id);
    expect(final.state).toBe('refused');
    expect(final.decisions).toHaveLength(3);
    // The proposal and three decisions after registration: four changes, each once.
    expect(final.version).toBe(4);
    expect(final.timeline.map((e) => e.type)).toEqual([
      'case.registered',
      'case.trackingCodeIssued',
      'case.proposeRefusal',
      'case.decide',
      'case.decide',
      'case.decide',
    ]);
    for (const p of [head, leader, principal]) await p.context().close();
  });

  it('a case opened from the list within a second of another person’s decision shows that decision', async () => {
    // The first responder registers a case and proposes a refusal: it waits at the department head.
    const responder = await newPage(e2e);
    await signIn(responder, 'shouwen');
    const { id, version } = await caseAtDeptHead(responder, `过期页面测试 ${dialect}`);
    const { number } = await caseOf(responder, id);

    // B, the department head, is signed in in another browser.
    const head = await newPage(e2e);
    await signIn(head, 'keshi');

    // A, the leader in charge, looks at the case while it is still below them (no buttons), then goes
    // to the list; the case page and the list are both in the app's cache.
    const leader = await newPage(e2e);
    await signIn(leader, 'fenguan');
    await leader.goto(`/cases/${id}`);
    await leader.getByTestId('case-page').waitFor();
    expect(await stateOf(leader)).toBe('atDeptHead');
    expect(await leader.getByTestId('action-decide').count()).toBe(0);
    const row = leader.getByTestId(`case-row-${number}`);
    await findInList(leader, number);

    // B decides; within a second A opens the case from the list.
    const decided = await apiFrom(head, {
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      body: {
        version,
        action: { type: 'decide', decision: 'escalate', opinion: '提请分管领导' },
      },
    });
    expect(decided.status).toBe(200);
    const started = Date.now();
    await row.getByTestId('case-link').click();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect
      .poll(() => stateOf(leader), { timeout: 5_000 })
      .toBe('atLeaderInCharge')
      .catch(async (e: unknown) => {
        await shot(leader, 'stale-case-page');
        throw new Error(`the case page kept the old state\n${await whatThePageShows(leader)}`, { cause: e });
      });
    await leader.getByTestId('action-decide').waitFor({ timeout: 5_000 });
    expect(await leader.getByTestId('case-page').getAttribute('data-version')).toBe(
      String(decided.body.version),
    );

    // The list, opened again after a second decision, shows it; the cached page older than the list's
    // row is never shown: the page the link opens has the list's state from its first paint.
    const seen: string[] = [];
    await leader.exposeFunction('seenState', (s: string) => seen.push(s));
    await findInList(leader, number);
    const again = await apiFrom(leader, {
      method: 'POST',
      url: `/api/cases/${id}/actions`,
      body: {
        version: decided.body.version,
        action: { type: 'decide', decision: 'escalate', opinion: '提请主要领导审定' },
      },
    });
    expect(again.status).toBe(200);
    // Another search is a list the app has not cached: it is fetched now and shows the new state.
    await leader.getByTestId('cases-search').locator('input').fill(number.slice(2));
    await leader.getByTestId('cases-search').locator('input').press('Enter');
    await expect
      .poll(() => row.getByTestId('case-state').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('atPrincipalLeader');
    // Every state the case page paints from now on (the e2e code has no DOM types: the page's, declared).
    await leader.evaluate(() => {
      const g = globalThis as unknown as {
        seenState(state: string): void;
        document: {
          body: unknown;
          querySelector(q: string): { getAttribute(name: string): string | null } | null;
        };
        MutationObserver: new (callback: () => void) => {
          observe(target: unknown, options: Record<string, boolean>): void;
        };
      };
      new g.MutationObserver(() => {
        const tag = g.document.querySelector('[data-testid="case-page"] [data-testid="case-state"]');
        const state = tag?.getAttribute('data-state');
        if (state) g.seenState(state);
      }).observe(g.document.body, { subtree: true, childList: true, attributes: true });
    });
    await row.getByTestId('case-link').click();
    await expect.poll(() => stateOf(leader), { timeout: 5_000 }).toBe('atPrincipalLeader');
    expect(new Set(seen)).toEqual(new Set(['atPrincipalLeader']));
    for (const p of [responder, head, leader]) await p.context().close();
  });
});
