// Adds new migrations to packages/server/src/platform/db/migrations/manifest.json, the SHA-256 of every released
// migration. Released migrations are frozen: an entry is never rewritten, and a listed file whose bytes
// changed is an error (write a new migration instead). `npm run migrations:manifest`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../packages/server/src/platform/db/migrations');
const manifestFile = path.join(dir, 'manifest.json');

const manifest: Record<string, string> = fs.existsSync(manifestFile)
  ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, string>)
  : {};
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();

const changed: string[] = [];
const added: string[] = [];
for (const file of files) {
  const hash = createHash('sha256')
    .update(fs.readFileSync(path.join(dir, file)))
    .digest('hex');
  if (manifest[file] === undefined) {
    manifest[file] = hash;
    added.push(file);
  } else if (manifest[file] !== hash) {
    changed.push(file);
  }
}
const missing = Object.keys(manifest).filter((f) => !files.includes(f));

if (changed.length > 0 || missing.length > 0) {
  for (const f of changed) console.error(`${f} changed after release: put the change in a new migration`);
  for (const f of missing) console.error(`${f} is in the manifest but no longer exists`);
  process.exit(1);
}
const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
fs.writeFileSync(manifestFile, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(added.length > 0 ? `added ${added.join(', ')}` : 'manifest is up to date');
