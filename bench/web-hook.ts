// The web scenario: the compressed JavaScript of the first pages and their load times in headless
// Chromium, measured by bench/web.ts (written beside this suite). Until that file exists the report
// says the web scenario was skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './processes.ts';
import type { WebFigures } from './report.ts';

const WEB_MODULE = path.join(import.meta.dirname, 'web.ts');

/** What the suite uses of bench/web.ts. */
interface WebModule {
  measureWebWeight(): { routes: { route: string; gzip: number; brotli: number }[] };
  formatWebWeight(weight: unknown): string;
  measurePageLoads(
    baseUrl: string,
    options: { username?: string; password?: string },
  ): Promise<{ route: string; cache: string; usableMs: number; scriptBytes: number }[]>;
  formatPageLoads(loads: unknown): string;
}

export function webScenarioAvailable(): boolean {
  return fs.existsSync(WEB_MODULE);
}

/** `npm run build` unless the built web app is newer than its sources (scripts/build-web-if-stale.ts). */
export function buildWebIfStale(): void {
  const result = spawnSync(process.execPath, ['scripts/build-web-if-stale.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the web build failed');
}

export async function measureWeb(
  url: string,
  account: { username: string; password: string },
): Promise<WebFigures | { skipped: string }> {
  if (!webScenarioAvailable()) return { skipped: 'bench/web.ts is not there yet' };
  const web = (await import(pathToFileURL(WEB_MODULE).href)) as WebModule;
  const weight = web.measureWebWeight();
  const loads = await web.measurePageLoads(url, account);
  return {
    routes: weight.routes.map(({ route, gzip, brotli }) => ({ route, gzip, brotli })),
    loads: loads.map(({ route, cache, usableMs, scriptBytes }) => ({ route, cache, usableMs, scriptBytes })),
    markdown: `${web.formatWebWeight(weight)}\n\n${web.formatPageLoads(loads)}`,
  };
}
