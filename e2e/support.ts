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

export async function newPage(
  e2e: E2E,
  options: {
    mobile?: boolean;
    /** The web app's language chosen beforehand (the 中文 / English switch's choice). */
    lang?: 'zh' | 'en';
    /** The browser's time zone (Playwright's `timezoneId`); the machine's when not given. */
    timezoneId?: string;
  } = {},
): Promise<Page> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.server.url,
    locale: options.lang === 'en' ? 'en-US' : 'zh-CN',
    ...(options.timezoneId && { timezoneId: options.timezoneId }),
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 860 },
  });
  if (options.lang) {
    const lang = options.lang;
    await context.addInitScript(`window.localStorage.setItem('bancheng.lang', ${JSON.stringify(lang)})`);
  }
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

// ---- the English-only check ---------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;

/**
 * The texts people typed into the system (names, org units, matter titles, case texts, opinions, holiday
 * names of the schedule), read from the database: what an English page may show in Chinese. Texts the
 * system writes itself (notifications, audit payloads, the outbox) are not data and are left out.
 */
export async function userEnteredTexts(e2e: E2E): Promise<string[]> {
  const db = e2e.server.ctx.database.db;
  const generated = new Set(['notifications', 'audit_events', 'outbox', 'sessions', 'idempotency_keys']);
  // Texts the system writes itself (notifications, the outbox) are not data; audit payloads below.
  const texts = new Set<string>();
  for (const table of await db.introspection.getTables()) {
    if (generated.has(table.name) || table.name.startsWith('case_search') || table.name.startsWith('kysely_'))
      continue;
    const columns = table.columns.filter((c) => /text|char|string/i.test(c.dataType)).map((c) => c.name);
    if (columns.length === 0) continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table the test only reads by name
    const rows = (await (db as any).selectFrom(table.name).select(columns).execute()) as Record<
      string,
      unknown
    >[];
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (typeof value !== 'string' || !HAN.test(value)) continue;
        texts.add(value);
        // A text shown in part (a list cuts a description, a timeline splits lines) is still data.
        for (const line of value.split(/\r?\n/)) if (HAN.test(line)) texts.add(line.trim());
      }
    }
  }
  // A case's timeline shows what people typed with each action (a note, an opinion) from its audit event:
  // the strings inside payloads are user-entered; the event's type and the rest are not text.
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (HAN.test(value)) texts.add(value);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  for (const row of await db.selectFrom('audit_events').select('payload').execute()) {
    collect(JSON.parse(row.payload) as unknown);
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

/**
 * Fails, listing every piece, when the page shows a Han character outside user-entered data: its visible
 * text, placeholders, titles, alt texts and aria-labels. `allowed` is the user-entered data (above) and
 * anything else the caller knows is data; each is removed before looking.
 */
export async function expectNoChinese(
  page: Page,
  allowed: readonly string[],
  where = page.url(),
): Promise<void> {
  // Run in the page, as plain JavaScript (the tests' TypeScript has no DOM types).
  const pieces = await page.evaluate<string[]>(`(() => {
    const found = [];
    const visible = (el) => {
      const style = window.getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      return el.offsetParent !== null || style.position === 'fixed';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      if (!visible(parent) || parent.closest('[data-user-text], [lang="zh-CN"]')) continue;
      found.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], [alt]')) {
      if (!visible(el) || el.closest('[data-user-text]')) continue;
      for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
        const value = el.getAttribute(name);
        if (value) found.push(\`\${name}="\${value}"\`);
      }
    }
    for (const el of document.querySelectorAll('input, textarea')) {
      const value = el.value;
      if (value && visible(el)) found.push(\`value="\${value}"\`);
    }
    found.push(\`document.title="\${document.title}"\`);
    return found;
  })()`);
  const bad = pieces
    .map((p) => ({
      piece: p,
      rest: allowed.reduce((s, a) => (a && s.includes(a) ? s.replaceAll(a, '') : s), p),
    }))
    // What is left may be data shown in part (an ellipsis cuts a long text mid-line): a line that is a
    // piece of some user-entered text is still data.
    .filter((p) =>
      p.rest
        .split(/\r?\n/)
        .map((line) => line.replace(/(\.\.\.|…)$/, '').trim())
        .some((line) => HAN.test(line) && !(line.length >= 4 && allowed.some((a) => a.includes(line)))),
    )
    .map((p) => p.piece);
  if (bad.length > 0) {
    throw new Error(`Chinese on the English page ${where}:\n  ${[...new Set(bad)].join('\n  ')}`);
  }
}

// ---- the supervision ledger: the public report API as a reporter's browser calls it ------------------

/** A unit's id, and one of its departments' when named, from the database (the public pickers' data). */
export async function placeIds(
  e2e: E2E,
  unitName: string,
  departmentName?: string,
): Promise<{ unitId: string; departmentId?: string }> {
  const db = e2e.server.ctx.database.db;
  const unit = await db
    .selectFrom('org_units')
    .select('id')
    .where('name', '=', unitName)
    .executeTakeFirstOrThrow();
  if (!departmentName) return { unitId: unit.id };
  const dep = await db
    .selectFrom('departments')
    .select('id')
    .where('unit_id', '=', unit.id)
    .where('name', '=', departmentName)
    .executeTakeFirstOrThrow();
  return { unitId: unit.id, departmentId: dep.id };
}

/** Solves the public site's proof-of-work challenge as the ALTCHA widget does, and gives its payload. */
export async function solvedChallenge(e2e: E2E): Promise<string> {
  const { solveChallenge } = await import('altcha-lib/v1');
  const res = await fetch(`${e2e.server.url}/api/public/challenge`);
  const c = (await res.json()) as {
    algorithm: string;
    challenge: string;
    maxnumber?: number;
    salt: string;
    signature: string;
  };
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('the challenge could not be solved');
  return Buffer.from(
    JSON.stringify({
      algorithm: c.algorithm,
      challenge: c.challenge,
      number: solution.number,
      salt: c.salt,
      signature: c.signature,
      took: solution.took,
    }),
  ).toString('base64');
}

/** Files a report through the public API (multipart, solved challenge), as the public form sends it. */
export async function fileReportPublicly(
  e2e: E2E,
  report: Record<string, unknown>,
  files: { name: string; type: string; bytes: Buffer }[] = [],
): Promise<{ code: string; receivedAt: string }> {
  const form = new FormData();
  form.append('report', JSON.stringify({ consent: true, language: 'zh', ...report }));
  form.append('altcha', await solvedChallenge(e2e));
  for (const f of files) form.append('attachments', new Blob([f.bytes], { type: f.type }), f.name);
  const res = await fetch(`${e2e.server.url}/api/public/reports`, { method: 'POST', body: form });
  const body = (await res.json()) as { code: string; receivedAt: string };
  if (res.status !== 201) throw new Error(`public report: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** What the public status page is told (core's publicReportViewSchema), or the error envelope. */
export interface PublicReportStatus {
  stage?: string;
  what?: string;
  reply?: { text: string; repliedAt: string };
  error?: { code: string };
  [field: string]: unknown;
}

/** The public status of a report by its code (POST, the code in the body). */
export async function publicReportStatus(
  e2e: E2E,
  code: string,
): Promise<{ status: number; body: PublicReportStatus }> {
  const res = await fetch(`${e2e.server.url}/api/public/reports/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return { status: res.status, body: (await res.json()) as PublicReportStatus };
}

/** A one-pixel PNG, for materials. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
