// Released migrations are frozen: each file's SHA-256 matches the committed manifest, and no migration
// file is left out of it (`npm run migrations:manifest` adds new ones).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../src/platform/db/migrations');
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<
  string,
  string
>;
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const sha256 = (file: string) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(dir, file)))
    .digest('hex');

describe('released migrations', () => {
  it('are all listed in the manifest', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(files.filter((f) => manifest[f] === undefined)).toEqual([]);
  });

  it('still have the bytes they were released with', () => {
    for (const [file, hash] of Object.entries(manifest)) {
      expect(fs.existsSync(path.join(dir, file)), `${file} is listed but missing`).toBe(true);
      expect(sha256(file), `${file} changed after release: write a new migration`).toBe(hash);
    }
  });
});
