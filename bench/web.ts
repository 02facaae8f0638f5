// The web app's weight and speed: the compressed JavaScript each first page needs (from the built dist
// and its Vite manifest) and how soon headless Chromium on loopback can use it (Navigation Timing).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../e2e/chromium.ts';

export const WEB_DIST = path.resolve(import.meta.dirname, '../packages/web/dist');
/** What the login page and the to-do list may each cost, compressed (kB as Vite counts them). */
export const WEB_BUDGET_BYTES = 300_000;

/** A first page: the lazy modules (as Vite's manifest names them) it loads besides the entry. */
export const WEB_ROUTES: readonly { route: string; url: string; lazy: readonly string[] }[] = [
  { route: 'login', url: '/login', lazy: [] },
  { route: 'todo', url: '/cases?view=todo', lazy: ['src/app/AppLayout.tsx', 'src/pages/CasesPage.tsx'] },
];

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface RouteWeight extends Bytes {
  route: string;
  /** The JavaScript files loaded, entry first. */
  files: string[];
}

export interface WebWeight {
  /** Every JavaScript file of the build. */
  total: Bytes & { files: number };
  routes: RouteWeight[];
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The file's bytes compressed: the .br / .gz written beside it by the build, else compressed here. */
function sizesOf(distDir: string, file: string): Bytes {
  const full = path.join(distDir, file);
  const raw = fs.readFileSync(full);
  const sibling = (ext: string, compress: (b: Buffer) => Buffer) =>
    fs.existsSync(full + ext) ? fs.statSync(full + ext).size : compress(raw).length;
  return {
    raw: raw.length,
    gzip: sibling('.gz', (b) => zlib.gzipSync(b, { level: 9 })),
    brotli: sibling('.br', (b) =>
      zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    ),
  };
}

function sum(items: Bytes[]): Bytes {
  return items.reduce(
    (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
}

/** What the public site (portal.html, decision 0018) may cost compressed: all of its JavaScript. */
export const PUBLIC_SITE_BUDGET_BYTES = 150_000;

/** The public site's JavaScript: its entry and everything it imports, statically or lazily (every page
 * of the site, the report form's proof-of-work widget and QR code included). Null without that entry. */
export function measurePublicSiteWeight(distDir: string = WEB_DIST): RouteWeight | null {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  if (!manifest['portal.html']) return null;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(k);
  };
  visit('portal.html');
  return { route: 'public site', files: [...files], ...sum([...files].map((f) => sizesOf(distDir, f))) };
}

/** A chunk and everything it imports statically (what the browser fetches before it runs). */
function withStaticImports(manifest: Manifest, key: string, into: Set<string>): void {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest: is it still loaded lazily?`);
  if (into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) withStaticImports(manifest, imported, into);
}

export function measureWebWeight(distDir: string = WEB_DIST): WebWeight {
  const manifestFile = path.join(distDir, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`npm run build\``);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  // The staff app's entry (index.html); the public site's (portal.html) is measured on its own.
  const entry = manifest['index.html']?.isEntry
    ? 'index.html'
    : Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('the Vite manifest has no entry chunk');

  const allJs = fs
    .readdirSync(path.join(distDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => sizesOf(distDir, `assets/${f}`));
  const routes = WEB_ROUTES.map(({ route, lazy }) => {
    const files = new Set<string>();
    for (const key of [entry, ...lazy]) withStaticImports(manifest, key, files);
    return { route, files: [...files], ...sum([...files].map((f) => sizesOf(distDir, f))) };
  });
  return { total: { files: allJs.length, ...sum(allJs) }, routes };
}

export function formatWebWeight(weight: WebWeight): string {
  const kb = (n: number) => (n / 1000).toFixed(1);
  const row = (name: string, files: number, b: Bytes) =>
    `| ${name} | ${files} | ${kb(b.raw)} | ${kb(b.gzip)} | ${kb(b.brotli)} |`;
  return [
    `| JavaScript | files | raw kB | gzip kB | brotli kB |`,
    '|---|---:|---:|---:|---:|',
    ...weight.routes.map((r) => row(`${r.route} route`, r.files.length, r)),
    row('whole build', weight.total.files, weight.total),
  ].join('\n');
}

export interface PageLoad {
  route: string;
  /** cold: a fresh browser profile; warm: the same page opened again (immutable assets from cache). */
  cache: 'cold' | 'warm';
  domContentLoadedMs: number;
  loadEventEndMs: number;
  /** Navigation start until the login form or the to-do table was painted. */
  usableMs: number;
  /** JavaScript bytes that crossed the wire, compressed, headers included (0 when from the cache). */
  scriptBytes: number;
}

/** What shows a page is usable: the login form's user name, the to-do list's first row. */
const USABLE: Record<string, string> = {
  login: '#username',
  todo: '[data-testid^="case-row-"]',
};

/** Runs in the page before its scripts: notes when the selector is first laid out, then painted.
 * (Page scripts are strings here: this file is type-checked without the DOM's types.) */
const watchUsable = (selector: string) => `
  const observer = new MutationObserver(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el || el.getBoundingClientRect().height === 0) return;
    observer.disconnect();
    requestAnimationFrame(() => (window.__usableAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
`;

/** Navigation Timing, the moment noted above and the script bytes received (compressed). */
const READ_TIMING = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
  return {
    domContentLoadedMs: nav.domContentLoadedEventEnd,
    loadEventEndMs: nav.loadEventEnd,
    usableMs: window.__usableAt,
    scriptBytes: scripts.reduce((n, r) => n + r.transferSize, 0),
  };
})()`;

async function openAndTime(
  context: BrowserContext,
  route: string,
  url: string,
  cache: PageLoad['cache'],
): Promise<PageLoad> {
  const page = await context.newPage();
  await page.addInitScript({ content: watchUsable(USABLE[route] ?? 'body') });
  await page.goto(url, { waitUntil: 'load' });
  // Functions, not strings: the app's Content-Security-Policy forbids evaluating strings in the page.
  await page.waitForFunction(() => (globalThis as { __usableAt?: number }).__usableAt !== undefined);
  // loadEventEnd is written once the load handlers have returned, a moment after 'load' fires.
  await page.waitForFunction(() => {
    const timing = globalThis.performance as unknown as {
      getEntriesByType(type: string): { loadEventEnd: number }[];
    };
    return (timing.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0) > 0;
  });
  const timing = await page.evaluate<Omit<PageLoad, 'route' | 'cache'>>(READ_TIMING);
  await page.close();
  return { route, cache, ...timing };
}

export interface PageLoadOptions {
  /** Who opens the to-do list: a demo account with cases waiting (the principal leader). */
  username?: string;
  password?: string;
  browser?: Browser;
}

/** Opens the login page and the to-do list of the server at baseUrl, each cold then warm. */
export async function measurePageLoads(baseUrl: string, options: PageLoadOptions = {}): Promise<PageLoad[]> {
  const browser = options.browser ?? (await launchChromium());
  const results: PageLoad[] = [];
  try {
    for (const { route, url } of WEB_ROUTES) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'zh-CN',
        viewport: { width: 1366, height: 860 },
      });
      if (route !== 'login') {
        const res = await context.request.post('/api/auth/login', {
          data: { username: options.username ?? 'juzhang', password: options.password ?? 'Demo@2026' },
        });
        if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
      }
      results.push(await openAndTime(context, route, url, 'cold'));
      results.push(await openAndTime(context, route, url, 'warm'));
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
  return results;
}

export function formatPageLoads(loads: PageLoad[]): string {
  const ms = (n: number) => n.toFixed(0);
  return [
    '| page | cache | DOMContentLoaded ms | load ms | usable ms | JS on the wire kB |',
    '|---|---|---:|---:|---:|---:|',
    ...loads.map(
      (l) =>
        `| ${l.route} | ${l.cache} | ${ms(l.domContentLoadedMs)} | ${ms(l.loadEventEndMs)} | ${ms(l.usableMs)} | ${(l.scriptBytes / 1000).toFixed(1)} |`,
    ),
  ].join('\n');
}

/** The real server on a fresh SQLite file with the demo bureau, as the browser tests start it. */
export async function withDemoServer<T>(run: (url: string) => Promise<T>): Promise<T> {
  const { startServer } = await import('../packages/server/src/server.ts');
  const { loadConfig } = await import('../packages/server/src/platform/config.ts');
  const { systemClock } = await import('../packages/server/src/platform/clock.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-web-bench-'));
  const server = await startServer(
    loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DEMO_DATA: '1',
    }),
    { clock: systemClock, quiet: true },
  );
  try {
    return await run(server.url);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
