import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.ts';

const REACT = /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/;
const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs)[\\/]/;
// Ant Design components by where they are first needed; their own dependencies come along with them.
const BASIC = ['typography', 'input', 'card', 'tabs', 'flex', 'space', 'grid', 'row', 'col', 'form', 'dropdown'];
const LISTS = ['layout', 'menu', 'table', 'select', 'pagination', 'tooltip', 'popconfirm', 'popover', 'badge', 'tag', 'drawer', 'switch', 'checkbox', 'radio', 'tree', 'empty', 'divider'];
const antdComponents = (names: string[]) => new RegExp(`node_modules[\\\\/]antd[\\\\/]es[\\\\/](${names.join('|')})[\\\\/]`);

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
    // dist/.vite/manifest.json: which chunks each page needs (scripts/web-weight.ts reads it).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Libraries change less often than the app: their chunks stay cached across deploys.
            { name: 'react', test: REACT, priority: 4 },
            // The part of Ant Design that the entry needs (providers, spinner, alerts, buttons).
            { name: 'antd', test: ANTD, tags: ['$initial'], priority: 3 },
            // What the login page adds, then what the signed-in frame and the lists add: a few large
            // chunks compress far better than fifty small ones (brotli sees more repetition).
            { name: 'antd-lists', test: antdComponents(LISTS), priority: 1 },
          ],
        },
      },
    },
  },
});
