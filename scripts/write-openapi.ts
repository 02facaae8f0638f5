// Writes docs/openapi.json from the running route definitions; with --check, fails when it has drifted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { buildApp } from '../packages/server/src/app.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';

const target = path.resolve(import.meta.dirname, '../docs/openapi.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-openapi-'));
const built = await buildApp(
  loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO_DATA: '0' }),
  { clock: systemClock },
);
const text = `${JSON.stringify(built.app.swagger(), null, 2)}\n`;
await built.close();
fs.rmSync(dir, { recursive: true, force: true });

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('docs/openapi.json is out of date: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('docs/openapi.json is up to date');
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
