// The web app's weight: compressed JavaScript for the login page and the to-do list, and for the whole
// public site (its own entry, portal.html), each against its budget.
// `npx node scripts/web-weight.ts` after `npm run build`; `--timings` also opens both pages in headless
// Chromium against a demo server. Exits 1 when a page needs more than the budget.
import {
  formatPageLoads,
  formatWebWeight,
  measurePageLoads,
  measurePublicSiteWeight,
  measureWebWeight,
  PUBLIC_SITE_BUDGET_BYTES,
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

// The public site (/public/): its own entry, its own budget.
const publicSite = measurePublicSiteWeight();
if (!publicSite) {
  console.error('the build has no public site entry (portal.html)');
  process.exit(1);
}
const publicKb = (n: number) => (n / 1000).toFixed(1);
console.log(
  `public site: ${publicSite.files.length} files, ${publicKb(publicSite.gzip)} kB gzip, ${publicKb(publicSite.brotli)} kB brotli`,
);
if (Math.max(publicSite.gzip, publicSite.brotli) > PUBLIC_SITE_BUDGET_BYTES) {
  console.error(
    `public site: ${publicKb(publicSite.gzip)} kB gzip, over the ${PUBLIC_SITE_BUDGET_BYTES / 1000} kB budget`,
  );
  process.exit(1);
}

if (over.length > 0) {
  for (const r of over)
    console.error(
      `${r.route}: ${(r.gzip / 1000).toFixed(1)} kB gzip, over the ${WEB_BUDGET_BYTES / 1000} kB budget`,
    );
  process.exit(1);
}
console.log(`\nboth routes within ${WEB_BUDGET_BYTES / 1000} kB compressed`);
