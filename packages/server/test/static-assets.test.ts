// The built web app as the server sends it: the precompressed copy the browser accepts, hashed assets
// cached for good, index.html (and every page route) checked on each visit, missing files still 404.
// A small dist of its own stands in for the real build; the database plays no part, so SQLite only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

const SCRIPT = `export const greeting = ${JSON.stringify('办成 '.repeat(400))};\n`;
const STYLE = 'body { margin: 0 }\n';
const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>\n';
const IMMUTABLE = 'public, max-age=31536000, immutable';

function writeDist(dir: string): void {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.vite'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, '.vite/manifest.json'), '{}');
  const script = path.join(dir, 'assets/index-Ab12Cd34.js');
  fs.writeFileSync(script, SCRIPT);
  fs.writeFileSync(`${script}.br`, zlib.brotliCompressSync(SCRIPT));
  fs.writeFileSync(`${script}.gz`, zlib.gzipSync(SCRIPT));
  // Too small to be worth compressing: the build writes no siblings for it.
  fs.writeFileSync(path.join(dir, 'assets/index-Ef56Gh78.css'), STYLE);
}

function varyNames(header: string | string[] | number | undefined): string[] {
  return String(header ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase());
}

describe('the web app as served', () => {
  let app: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-dist-'));
    writeDist(dist);
    app = await createTestApp('sqlite', { WEB_DIST: dist });
  });
  afterAll(async () => {
    await app?.dispose();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  it('sends the brotli copy of a hashed script to a browser that accepts it, cached for good', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(varyNames(res.headers['vary'])).toContain('accept-encoding');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
    // The security headers every response carries still come with the assets.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('sends the gzip copy when brotli is not accepted', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(varyNames(res.headers['vary'])).toContain('accept-encoding');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the file itself, still varying by Accept-Encoding, to a client that accepts neither', async () => {
    for (const accept of [undefined, 'identity']) {
      const res = await get('/assets/index-Ab12Cd34.js', accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(varyNames(res.headers['vary'])).toContain('accept-encoding');
      expect(res.body).toBe(SCRIPT);
    }
  });

  it('sends an asset without compressed copies as it is, cached for good', async () => {
    const res = await get('/assets/index-Ef56Gh78.css', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.body).toBe(STYLE);
  });

  it('sends index.html uncached for the root, a deep route and its own name', async () => {
    for (const url of [
      '/',
      '/cases/0b6f0c8e-7d0a-4a1b-9f51-3b1f3f0b8a11',
      '/admin/people?page=2',
      '/index.html',
    ]) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('answers 404 for a missing asset (an old chunk after a deploy), not the page', async () => {
    for (const url of ['/assets/CasesPage-Old00000.js', '/assets/index-Ab12Cd34.css']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(res.headers['cache-control'], url).not.toBe(IMMUTABLE);
    }
  });

  it('does not serve the build manifest or the compressed copies under their own names', async () => {
    for (const url of [
      '/.vite/manifest.json',
      '/assets/index-Ab12Cd34.js.br',
      '/assets/index-Ab12Cd34.js.gz',
    ]) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
    }
  });
});
