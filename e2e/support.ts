// Browser tests: the real server (built web app, demo data, fresh SQLite) and Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { systemClock, type Clock } from '../packages/server/src/platform/clock.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { startServer, type RunningServer } from '../packages/server/src/server.ts';
import { DEMO_PASSWORD } from '../packages/server/src/bootstrap/demo/demo-bureau.ts';
import type { Dialect } from '../packages/server/src/platform/db/database.ts';
import { testDialects } from '../packages/server/test/dialects.ts';
import { launchChromium } from './chromium.ts';

export { CHROMIUM } from './chromium.ts';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

export interface E2E {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Dialects the browser tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (under CI
 * it must be: a missing one fails the run instead of skipping PostgreSQL). */
export const E2E_DIALECTS: readonly Dialect[] = testDialects();

export async function startE2E(
  dialect: Dialect = 'sqlite',
  /** `demoCounty`: also the demo county's year of cases, as `npm start` loads (default: the core demo). */
  options: { clock?: Clock; demoCounty?: boolean } = {},
): Promise<E2E> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-e2e-'));
  const pgSchema = dialect === 'postgres' ? await createPgSchema() : undefined;
  const server = await startServer(
    loadConfig({
      ...(pgSchema && { DATABASE_URL: pgSchema.url }),
      NODE_ENV: 'test',
      DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DEMO_DATA: '1',
    }),
    { clock: options.clock ?? systemClock, quiet: true, demoCounty: options.demoCounty ?? false },
  );
  if (!fs.existsSync(path.join(server.ctx.config.webDist, 'index.html'))) {
    throw new Error('the web app is not built: run `npm run build` first (npm run test:e2e does)');
  }
  const browser = await launchChromium();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await pgSchema?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newPage(e2e: E2E, options: { mobile?: boolean } = {}): Promise<Page> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.server.url,
    locale: 'zh-CN',
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 860 },
  });
  const page = await context.newPage();
  const failures: string[] = [];
  responseFailures.set(page, failures);
  page.on('response', (response) => {
    if (response.status() >= 400)
      failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    failures.push(`failed ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`);
  });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  return page;
}

const responseFailures = new WeakMap<Page, string[]>();

/** What a failed step saw: answers of 400 and above, failed requests, page errors, and the form errors,
 * notifications and messages on screen; so a failure in CI says why without its screenshot. */
export async function whatThePageShows(page: Page): Promise<string> {
  const onScreen = await page
    .locator('.ant-form-item-explain-error, .ant-notification-notice, .ant-message-notice, .ant-alert-error')
    .allInnerTexts()
    .catch(() => []);
  const modal = await page
    .locator('.ant-modal:visible .ant-modal-title')
    .allInnerTexts()
    .catch(() => []);
  return [
    `url: ${page.url()}`,
    `open dialogs: ${modal.join(' | ') || 'none'}`,
    `on screen: ${onScreen.map((t) => t.replace(/\s+/g, ' ')).join(' | ') || 'nothing'}`,
    `requests that failed: ${(responseFailures.get(page) ?? []).join('; ') || 'none'}`,
  ].join('\n');
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  // The header's sign-out button: on a phone the menu waits in a closed drawer.
  await page.getByTestId('logout').waitFor({ state: 'visible' });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A fresh schema in the test PostgreSQL database, so runs never see each other's data. */
async function createPgSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env['TEST_DATABASE_URL'];
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `e2e_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`drop schema ${schema} cascade`) };
}

/** Picks an option of an antd Select: open it, click the option. The forms render their pickers only
 * once the options have loaded, so nothing re-renders under the click. The picker is brought to the
 * middle of the window first, as a person scrolls to the field they fill in: a picker at the window's
 * lower edge opens its list upwards, and when Playwright then scrolls the page to reach an option, the
 * list realigns below the picker between the button's press and its release, and the click is lost. */
export async function pickOption(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.locator(selector).click();
  // A click on an option while the dropdown is still sliding in can land on nothing (the picker then
  // stays empty and the form says 必填 on submit): wait until its entering motion is over.
  const dropdown = page.locator(
    '.ant-select-dropdown:visible:not([class*="-enter"]):not([class*="-appear"]):not([class*="-leave"])',
  );
  await dropdown.locator('.ant-select-item-option', { hasText: text }).first().click();
  // The select around the input the selector names, or the select itself when the selector names it.
  const chosen = page
    .locator('.ant-select', { has: page.locator(selector) })
    .or(page.locator(`.ant-select${selector}`))
    // The chosen value: antd 6 writes a single select's into -content, a multiple one's as -selection-item.
    .locator('.ant-select-content-has-value, .ant-select-selection-item');
  await chosen
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(async (e: unknown) => {
      const shown = await chosen.allInnerTexts().catch(() => []);
      throw new Error(`picking “${text}” in ${selector} left it showing “${shown.join(', ')}”`, { cause: e });
    });
}
