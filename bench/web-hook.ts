// The web scenario: the compressed JavaScript of the first pages and their load times in headless
// Chromium against the server under test, measured by bench/web.ts.
import { spawnSync } from 'node:child_process';
import { ROOT } from './processes.ts';
import type { WebFigures } from './report.ts';
import { formatPageLoads, formatWebWeight, measurePageLoads, measureWebWeight } from './web.ts';

/** `npm run build` unless the built web app is newer than its sources (scripts/build-web-if-stale.ts). */
export function buildWebIfStale(): void {
  const result = spawnSync(process.execPath, ['scripts/build-web-if-stale.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error('the web build failed');
}

export async function measureWeb(
  url: string,
  account: { username: string; password: string },
): Promise<WebFigures | { skipped: string }> {
  try {
    const weight = measureWebWeight();
    const loads = await measurePageLoads(url, account);
    return {
      routes: weight.routes.map(({ route, gzip, brotli }) => ({ route, gzip, brotli })),
      loads: loads.map(({ route, cache, usableMs, scriptBytes }) => ({
        route,
        cache,
        usableMs,
        scriptBytes,
      })),
      markdown: `${formatWebWeight(weight)}\n\n${formatPageLoads(loads)}`,
    };
  } catch (error) {
    // A broken page load is a result to read, not a reason to lose the run's other figures.
    return { skipped: `failed: ${String(error).split('\n')[0] ?? ''}` };
  }
}
