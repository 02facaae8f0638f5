import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.ts';

// React itself is shared with the public site (portal.html), which needs neither the router nor the query
// cache: those have a chunk of their own, so the public site does not download them.
const REACT = /node_modules[\\/](react|react-dom|scheduler)[\\/]/;
const ROUTER = /node_modules[\\/](react-router|react-router-dom|@tanstack)[\\/]/;
const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs)[\\/]/;
// Ant Design components that the signed-in frame and the to-do list add to the entry's; the modules they
// import come along with them. Table, Select, tree, pagination, checkbox and radio are not here: the
// to-do list does without them (lists/ListTable.tsx, lists/LazySelect.tsx), and the pages that use
// them load them in chunks of their own.
const LISTS = [
  'layout',
  'menu',
  'tooltip',
  'popconfirm',
  'popover',
  'badge',
  'tag',
  'drawer',
  'switch',
  'empty',
  'divider',
];
// The app's own small shared modules (hooks, API calls, shared UI): one chunk, not a dozen requests.
const APP_SHARED = /packages[\\/]web[\\/]src[\\/](ui|api|modules[\\/][^\\/]+[\\/](api|hooks))[\\/]/;
const antdComponents = (names: string[]) =>
  new RegExp(`node_modules[\\\\/]antd[\\\\/]es[\\\\/](${names.join('|')})[\\\\/]`);

// The web app's folder, whatever directory the build is started from.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000' },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The antd chunk is ~500 kB raw (~170 kB gzip); scripts/web-weight.ts holds the real budget.
    chunkSizeWarningLimit: 600,
    // dist/.vite/manifest.json: which chunks each page needs (scripts/web-weight.ts reads it).
    manifest: true,
    // The proof-of-work widget's worker stays a file: a data: URL worker is refused by the public site's
    // CSP (worker-src 'self').
    assetsInlineLimit: (file: string) => (/altcha/.test(file) ? false : undefined),
    rolldownOptions: {
      // Two entries: the staff app and the public site (decision 0018), sharing only React.
      input: { main: `${root}index.html`, portal: `${root}portal.html` },
      output: {
        codeSplitting: {
          groups: [
            // Libraries change less often than the app: their chunks stay cached across deploys.
            // Vite's helper for lazy imports, used by both entries: not inside the staff app's chunk.
            { name: 'preload', test: /vite[\\/]preload-helper/, priority: 5 },
            { name: 'react', test: REACT, priority: 4 },
            { name: 'router', test: ROUTER, priority: 4 },
            // The Ant Design the entry needs: providers, spinner, alerts and the login page's form.
            { name: 'antd', test: ANTD, tags: ['$initial'], priority: 3 },
            // What the signed-in frame and the lists add: a few large chunks compress far better than
            // fifty small ones (brotli sees more repetition). Other pages' widgets stay with them.
            { name: 'antd-lists', test: antdComponents(LISTS), priority: 2 },
            { name: 'app', test: APP_SHARED, priority: 1 },
          ],
        },
      },
    },
  },
});
