// Runs one load spec in a child process (bench/load-worker.ts) and samples the server's memory
// meanwhile: VmRSS of the server process from /proc, the largest value seen.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult, LoadSpec } from './load-generator.ts';

const WORKER = path.join(import.meta.dirname, 'load-worker.ts');
const RSS_SAMPLE_MS = 100;

/** Resident memory of a process in MB, or null where /proc is not available. */
export function rssMbOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

export interface MeasuredLoad extends LoadResult {
  /** Largest server RSS seen while the load ran (MB). */
  maxRssMb: number | null;
}

export async function measureLoad(spec: LoadSpec, serverPid: number | undefined): Promise<MeasuredLoad> {
  let maxRssMb: number | null = serverPid === undefined ? null : rssMbOf(serverPid);
  const sample = () => {
    if (serverPid === undefined) return;
    const rss = rssMbOf(serverPid);
    if (rss !== null) maxRssMb = Math.max(maxRssMb ?? 0, rss);
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  try {
    const result = await new Promise<LoadResult>((resolve, reject) => {
      const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let settled = false;
      child.once('message', (message: { result?: LoadResult; error?: string }) => {
        settled = true;
        if (message.result) resolve(message.result);
        else reject(new Error(`load worker: ${message.error ?? 'no result'}`));
      });
      child.once('exit', (code) => {
        if (!settled) reject(new Error(`load worker exited with ${code} before answering`));
      });
      child.send(spec);
    });
    sample();
    return { ...result, maxRssMb };
  } finally {
    clearInterval(timer);
  }
}
