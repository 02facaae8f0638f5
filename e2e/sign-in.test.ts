import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../packages/server/src/bootstrap/demo/demo-bureau.ts';
import { E2E_DIALECTS, newPage, shot, signIn, startE2E, type E2E } from './support.ts';

// Department heads keep their department's matter list; the supervision office's and discipline
// inspection's demo accounts head their own offices.
const MENUS_BY_ROLE: Record<string, string[]> = {
  firstResponder: ['menu-home', 'menu-chains', 'menu-deputies'],
  deptHead: ['menu-home', 'menu-matters', 'menu-chains', 'menu-deputies', 'menu-orders'],
  leaderInCharge: ['menu-home', 'menu-chains', 'menu-deputies'],
  principalLeader: ['menu-home', 'menu-chains', 'menu-deputies'],
  supervisionOffice: [
    'menu-home',
    'menu-matters',
    'menu-chains',
    'menu-deputies',
    'menu-audit',
    'menu-ledger',
    'menu-orders',
  ],
  disciplineInspection: [
    'menu-home',
    'menu-matters',
    'menu-chains',
    'menu-deputies',
    'menu-audit',
    'menu-ledger',
    'menu-orders',
    'menu-referrals',
  ],
  admin: [
    'menu-home',
    'menu-matters',
    'menu-chains',
    'menu-deputies',
    'menu-settings',
    'menu-org',
    'menu-people',
    'menu-calendar',
    'menu-audit',
  ],
};
const ALL_MENUS = [
  'menu-home',
  'menu-matters',
  'menu-chains',
  'menu-deputies',
  'menu-settings',
  'menu-org',
  'menu-people',
  'menu-calendar',
  'menu-audit',
  'menu-ledger',
  'menu-orders',
  'menu-referrals',
];

describe.each(E2E_DIALECTS)('signing in through the login page (Chromium) [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the login page in Chinese with the slogan', async () => {
    const page = await newPage(e2e);
    await page.goto('/');
    await page.locator('#username').waitFor();
    await expect(page.getByTestId('slogan').textContent()).resolves.toContain('不说不能办，只说如何办');
    await shot(page, 'login-zh');
    await page.context().close();
  });

  for (const account of DEMO_ACCOUNTS) {
    it(`signs in ${account.username} (${account.role}) and shows that role's menu`, async () => {
      const page = await newPage(e2e);
      await signIn(page, account.username);
      for (const id of ALL_MENUS) {
        const expected = MENUS_BY_ROLE[account.role]?.includes(id) ?? false;
        await expect(page.getByTestId(id).first().isVisible(), `${account.username} ${id}`).resolves.toBe(
          expected,
        );
      }
      await expect(page.getByText(account.displayName).first().isVisible()).resolves.toBe(true);
      // A first responder registers a request straight from the home page (受理登记).
      if (account.role === 'firstResponder' || account.role === 'admin') {
        await expect(page.getByTestId('home-register').isVisible()).resolves.toBe(
          account.role === 'firstResponder',
        );
      }
      if (account.role === 'firstResponder' || account.role === 'admin')
        await shot(page, `home-${account.username}`);
      await page.context().close();
    });
  }

  it('tells a wrong password in Chinese', async () => {
    const page = await newPage(e2e);
    await page.goto('/login');
    await page.locator('#username').fill('shouwen');
    await page.locator('#password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    await page.context().close();
  });
});
