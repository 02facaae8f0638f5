// The ceilings the suite compares scenarios with, served by a bare Fastify process of their own:
// GET /hello (HTTP alone), POST /sqlite-insert (one committed node:sqlite transaction per request, with
// the server's own pragmas), POST /pg-insert (one committed insert per request through a pool like the
// server's), POST /scrypt (one password check with the server's scrypt parameters).
// Usage: node bench/ceiling-server.ts --port P [--sqlite FILE] [--pg URL]
import { randomBytes, scrypt } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';

const { values } = parseArgs({
  options: { port: { type: 'string' }, sqlite: { type: 'string' }, pg: { type: 'string' } },
});
const app = Fastify({ logger: false });

app.get('/hello', async () => ({ hello: 'world' }));

if (values.sqlite) {
  // As packages/server/src/platform/db/database.ts opens the database, and as the node:sqlite dialect
  // begins a write transaction.
  const sqlite = new DatabaseSync(values.sqlite);
  sqlite.exec('pragma journal_mode = wal');
  sqlite.exec('pragma synchronous = full');
  sqlite.exec('pragma foreign_keys = on');
  sqlite.exec('pragma busy_timeout = 5000');
  sqlite.exec(
    'create table if not exists ceiling (id integer primary key, body text not null, at text not null)',
  );
  const insert = sqlite.prepare('insert into ceiling (body, at) values (?, ?)');
  app.post('/sqlite-insert', async (request) => {
    sqlite.exec('begin immediate');
    try {
      insert.run(JSON.stringify(request.body), new Date().toISOString());
      sqlite.exec('commit');
    } catch (error) {
      sqlite.exec('rollback');
      throw error;
    }
    return { ok: true };
  });
}

if (values.pg) {
  const pool = new pg.Pool({ connectionString: values.pg, max: 10 });
  await pool.query(
    'create table if not exists ceiling (id bigserial primary key, body text not null, at timestamptz not null)',
  );
  app.post('/pg-insert', async (request) => {
    await pool.query('insert into ceiling (body, at) values ($1, now())', [JSON.stringify(request.body)]);
    return { ok: true };
  });
}

// packages/server/src/modules/auth/passwords.ts: N 16384, r 8, p 1, 32 bytes.
const salt = randomBytes(16);
app.post('/scrypt', async () => {
  await new Promise<Buffer>((resolve, reject) =>
    scrypt('Demo@2026', salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
  return { ok: true };
});

await app.listen({ port: Number(values.port ?? 0), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
