// The web app's weight: compressed JavaScript for the login page and the to-do list, against the budget.
// `npx node scripts/web-weight.ts` after `npm run build`; `--timings` also opens both pages in headless
// Chromium against a demo server. Exits 1 when a page needs more than the budget.
import {
  formatPageLoads,
  formatWebWeight,
  measurePageLoads,
  measureWebWeight,
  WEB_BUDGET_BYTES,
  withDemoServer,
} from '../bench/web.ts';

const weight = measureWebWeight();
console.log(formatWebWeight(weight));
const over = weight.routes.filter((r) => Math.max(r.gzip, r.brotli) > WEB_BUDGET_BYTES);

if (process.argv.includes('--timings')) {
  console.log('');
  console.log(formatPageLoads(await withDemoServer((url) => measurePageLoads(url))));
}

if (over.length > 0) {
  for (const r of over)
    console.error(
      `${r.route}: ${(r.gzip / 1000).toFixed(1)} kB gzip, over the ${WEB_BUDGET_BYTES / 1000} kB budget`,
    );
  process.exit(1);
}
console.log(`\nboth routes within ${WEB_BUDGET_BYTES / 1000} kB compressed`);
