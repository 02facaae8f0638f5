// The processes the suite starts: the real server (packages/server/src/main.ts) and the ceiling
// server, each on a free loopback port, stopped by their own pid.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 120_000;

export interface Started {
  url: string;
  child: ChildProcess;
  pid: number;
  /** From spawn to the first answer of `readyPath`. */
  startMs: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startProcess(options: {
  args: string[];
  env: Record<string, string>;
  readyPath: string;
  port: number;
  name: string;
}): Promise<Started> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${options.port}`;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killed = await Promise.race([done.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) child.kill('SIGKILL');
  };
  while (performance.now() - spawnedAt < START_TIMEOUT_MS) {
    if (exited !== null) throw new Error(`${options.name} exited with ${exited} before it answered`);
    try {
      const res = await fetch(`${url}${options.readyPath}`);
      if (res.ok) {
        await res.arrayBuffer();
        const pid = child.pid;
        if (pid === undefined) throw new Error(`${options.name} has no pid`);
        return { url, child, pid, startMs: performance.now() - spawnedAt, stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  await stop();
  throw new Error(`${options.name} did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

export interface ServerEnv {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** development with DEMO_DATA=1 loads the demo bureau into an empty database. */
  production: boolean;
  /** Run the server under `node --cpu-prof`, writing its profile here when it stops. */
  cpuProfileDir?: string | undefined;
  /** Sum each SQL statement's time and write it to this file when the server stops (QUERY_TIMES_FILE). */
  queryTimesFile?: string | undefined;
}

export async function startAppServer(env: ServerEnv): Promise<Started> {
  const port = await freePort();
  return startProcess({
    name: 'the server',
    args: [
      ...(env.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${env.cpuProfileDir}`] : []),
      'packages/server/src/main.ts',
    ],
    readyPath: '/api/health',
    port,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: env.production ? 'production' : 'development',
      DEMO_DATA: env.production ? '0' : '1',
      DATA_DIR: env.dataDir,
      DATABASE_URL: env.databaseUrl ?? '',
      ...(env.queryTimesFile && { QUERY_TIMES_FILE: env.queryTimesFile }),
    },
  });
}

export async function startCeilingServer(options: { sqliteFile?: string; pgUrl?: string }): Promise<Started> {
  const port = await freePort();
  const args = ['bench/ceiling-server.ts', '--port', String(port)];
  if (options.sqliteFile) args.push('--sqlite', options.sqliteFile);
  if (options.pgUrl) args.push('--pg', options.pgUrl);
  return startProcess({ name: 'the ceiling server', args, readyPath: '/hello', port, env: {} });
}
