// A real server process (`node packages/server/src/main.ts`), started as systemd starts one unit of
// deploy/systemd/bancheng@.service: settings in the environment, one port each. The two-server test runs
// several of these against one PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');
export const DEPLOY_DIR = path.resolve(import.meta.dirname, '../../../deploy');
/** The line main.ts prints once it listens (after migrations and first-run data). */
const READY = /is running at http:\/\/localhost:(\d+)/;

/** Every process started here and not yet stopped, so afterAll can end them whatever failed. */
const started = new Set<() => Promise<void>>();

/** Stops every server process this file started (a start still waiting included). */
export async function stopServerProcesses(): Promise<void> {
  await Promise.all([...started].map((stop) => stop()));
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything the process wrote to stdout (its JSON log lines and the start message). */
  stdout(): string;
  /** JSON log lines that carry this message (`msg`). */
  logged(msg: string): Record<string, unknown>[];
  /** SIGTERM (main.ts closes the HTTP server, the outbox worker and the pool), SIGKILL if it hangs. */
  stop(): Promise<void>;
}

/**
 * Starts a server with these settings (PORT 0 unless given: the port it got is read from its start line)
 * and resolves once it listens; rejects with its output when it exits first.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit');
  const stop = async () => {
    await stopProcess(child, exited);
    started.delete(stop);
  };
  started.add(stop);
  const port = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = READY.exec(out);
      if (m?.[1]) {
        child.stdout.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(([code, signal]) =>
      reject(new Error(`server exited (${String(code ?? signal)}) before listening:\n${out}\n${err}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    logged: (msg) => logLines(out).filter((entry) => entry['msg'] === msg),
    stop,
  };
}

function logLines(out: string): Record<string, unknown>[] {
  return out.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return []; // the last line, still being written
    }
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A fresh schema in the TEST_DATABASE_URL database and the DATABASE_URL that uses it, as the harness does. */
export async function createSchema(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`drop schema ${schema} cascade`) };
}

/**
 * The settings of a systemd EnvironmentFile (KEY=VALUE lines, # comments, values optionally in double
 * quotes), such as deploy/systemd/bancheng.env.example.
 */
export function readEnvironmentFile(file: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m?.[1] || m[2] === undefined) throw new Error(`${file}: not KEY=VALUE: ${line}`);
    settings[m[1]] = /^".*"$/.test(m[2]) ? m[2].slice(1, -1) : m[2];
  }
  return settings;
}
