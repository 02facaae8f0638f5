// Issue 8, acceptance 5: the English interface shows no Chinese outside user-entered data on every page the
// browser tests visit, for each demo role with English chosen; notifications read in English; and every
// date and time is China's whatever the browser's time zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseSummary, NotificationView } from '@bancheng/core';
import { expectNoChinese, newPage, shot, signIn, startE2E, userEnteredTexts, type E2E } from './support.ts';

const ROLES = ['shouwen', 'keshi', 'fenguan', 'juzhang', 'ducha', 'jijian', 'admin'] as const;
const HAN = /\p{Script=Han}/u;

/** A GET of the API from inside the signed-in page (its cookie, its language). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json', 'Accept-Language': 'en' } });
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return (await res.json()) as unknown;
  }, path) as Promise<T>;
}

/** The menu's pages for the signed-in person: the side menu's links. */
async function menuPaths(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('.ant-layout-sider a[href], .ant-menu a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((h) => h.startsWith('/')))];
}

async function settle(page: Page): Promise<void> {
  // The app renders nothing until the English dictionary has arrived (its own chunk): wait for the page
  // itself, not only a quiet network, which a busy machine parsing the bundle can show before that.
  await page.locator('#root > *').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

describe('the English interface', () => {
  let e2e: E2E;
  let allowed: string[];

  beforeAll(async () => {
    e2e = await startE2E('sqlite');
    allowed = await userEnteredTexts(e2e);
  });
  afterAll(async () => {
    await e2e.close();
  });

  it.each(ROLES)('shows no Chinese outside user-entered data on every page %s visits', async (username) => {
    const page = await newPage(e2e, { lang: 'en' });
    const visited: string[] = [];
    // Every page is looked at, and the test fails listing all that showed Chinese.
    const problems: string[] = [];
    const check = async (path: string, name: string) => {
      await page.goto(path);
      await settle(page);
      visited.push(path);
      try {
        await expectNoChinese(page, allowed, `${path} as ${username}`);
      } catch (error) {
        await shot(page, `english-${username}-${name}`);
        problems.push((error as Error).message);
      }
    };
    try {
      await check('/login', 'login');
      await signIn(page, username);
      for (const path of await menuPaths(page)) await check(path, path.replace(/\W+/g, '-'));
      await check('/password', 'password');
      await check('/no-such-page', 'not-found');
      const cases = await apiGet<{ items: CaseSummary[] }>(page, '/api/cases?view=all&pageSize=100');
      // A case in every state the person can read, its approval form when it has one, its notice.
      const byState = new Map<string, CaseSummary>();
      for (const c of cases.items)
        if (!byState.has(`${c.state}:${c.outcome}`)) byState.set(`${c.state}:${c.outcome}`, c);
      for (const c of byState.values()) {
        await check(`/cases/${c.id}`, `case-${c.state}`);
        if (c.state !== 'open' && c.outcome !== 'done' && c.outcome !== 'oneTimeNotice') {
          await check(`/cases/${c.id}/form`, `form-${c.state}`);
        }
        if (c.outcome === 'oneTimeNotice') await check(`/cases/${c.id}/notice`, 'notice');
      }
      // The ledger's pages (issue 9): a report in each state the person reads, the registration form.
      const me = await apiGet<{ abilities: Record<string, boolean> }>(page, '/api/auth/me');
      if (me.abilities['ledger.read']) {
        const reports = await apiGet<{ items: { id: string; state: string }[] }>(
          page,
          '/api/ledger/reports?pageSize=50',
        );
        const states = new Set<string>();
        for (const r of reports.items) {
          if (states.has(r.state)) continue;
          states.add(r.state);
          await check(`/ledger/${r.id}`, `report-${r.state}`);
        }
        if (me.abilities['ledger.register']) await check('/ledger/new', 'report-register');
      }
      if (username === 'shouwen') {
        await page.goto('/');
        await settle(page);
        await shot(page, 'english-shouwen-home');
      }
      expect(visited.length).toBeGreaterThan(3);
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('reads notifications in English for an English reader', async () => {
    const page = await newPage(e2e, { lang: 'en' });
    try {
      await signIn(page, 'keshi');
      await page.goto('/notifications');
      await settle(page);
      const listed = await apiGet<{ items: NotificationView[] }>(page, '/api/notifications?pageSize=200');
      expect(listed.items.length).toBeGreaterThan(0);
      for (const n of listed.items) {
        const rest = allowed.reduce((s, a) => s.replaceAll(a, ''), `${n.title} ${n.body}`);
        expect(rest, `${n.kind}: ${n.title} / ${n.body}`).not.toMatch(HAN);
      }
      // On the page: the first notification's English title.
      await expect
        .poll(() => page.getByText(listed.items[0]!.title, { exact: false }).first().isVisible())
        .toBe(true);
      await expectNoChinese(page, allowed);
      // The person's own language followed the switch: their email is English now.
      const me = await apiGet<{ language: string }>(page, '/api/auth/me');
      expect(me.language).toBe('en');
      await shot(page, 'english-notifications');
    } finally {
      await page.context().close();
    }
  });

  it('shows China time in New York as in Shanghai', async () => {
    const china = (iso: string) =>
      new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const shown: Record<string, Map<string, string>> = {};
    for (const timezoneId of ['Asia/Shanghai', 'America/New_York']) {
      const page = await newPage(e2e, { lang: 'en', timezoneId });
      try {
        const offset = await page.evaluate(() => new Date('2026-12-01T00:00:00Z').getTimezoneOffset());
        expect(offset).toBe(timezoneId === 'America/New_York' ? 300 : -480);
        await signIn(page, 'ducha');
        const pairs = new Map<string, string>();
        for (const path of ['/cases?view=all', '/admin/audit', '/notifications']) {
          await page.goto(path);
          await settle(page);
          for (const [at, text] of await page
            .locator('time[datetime]')
            .evaluateAll((els) =>
              els.map((el) => [el.getAttribute('datetime') ?? '', el.textContent ?? '']),
            )) {
            pairs.set(`${path} ${at}`, text);
          }
        }
        await shot(page, `china-time-${timezoneId.replace('/', '-')}`);
        shown[timezoneId] = pairs;
      } finally {
        await page.context().close();
      }
    }
    const shanghai = shown['Asia/Shanghai']!;
    const newYork = shown['America/New_York']!;
    expect(shanghai.size).toBeGreaterThan(5);
    for (const [key, text] of newYork) {
      expect(text, key).toBe(china(key.split(' ')[1]!));
      if (shanghai.has(key)) expect(text, key).toBe(shanghai.get(key));
    }
    expect([...newYork.keys()].filter((k) => shanghai.has(k)).length).toBeGreaterThan(5);
  });
});
