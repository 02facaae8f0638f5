// The public report form under a burst (issue 9, acceptance 3): two server processes over one PostgreSQL
// database, one client address sending report submissions to both in turn, each with a freshly solved
// ALTCHA challenge (altcha-lib's solver, as the widget does in the browser). The limit is counted in the
// database, so across both processes exactly REPORTS_PER_ADDRESS are received and every further one gets
// 429 RATE_LIMITED, whichever process it reaches. Meanwhile run.ts measures a staff case page.
//
// The address: each round sends from an address of its own in 127.0.0.0/8 (the load generator binds its
// sockets there; Linux answers the whole block on loopback), picked at random per run, so a round never
// meets an earlier round's or an earlier run's count, and no proxy header has to be trusted.
import { randomInt } from 'node:crypto';
import http from 'node:http';
import { solveChallenge } from 'altcha-lib/v1';
import type { Session } from './refusal-chain.ts';

export interface BurstRound {
  round: number;
  address: string;
  /** Submissions sent, alternating between the servers. */
  sent: number;
  /** The server's limit for one address (REPORTS_PER_ADDRESS), read from the server module. */
  limit: number;
  /** Per server (0 = the measured one, 1 = the second): status → count. */
  statuses: Record<string, number>[];
  /** 429 answers whose body was not the RATE_LIMITED envelope, and answers other than 201/429. */
  unexpected: string[];
  /** From the first submission sent to the last answer. */
  elapsedMs: number;
  /** Solving the round's challenges beforehand (not measured with the load). */
  solveMs: number;
  /** Exactly `limit` received across both servers, every other one refused with 429 by either server. */
  met: boolean;
}

interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** The burst's client addresses: 127.a.b.(round), a and b random per run. */
export function burstAddresses(rounds: number): string[] {
  const a = randomInt(1, 255);
  const b = randomInt(0, 256);
  return Array.from({ length: rounds }, (_, i) => `127.${a}.${b}.${(i % 250) + 2}`);
}

/** The demo bureau's first unit and one of its departments, for the reports' place. */
export async function reportPlace(
  url: string,
  session: Session,
): Promise<{ unitId: string; departmentId?: string }> {
  const res = await fetch(`${url}/api/org/tree`, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`GET /api/org/tree failed: ${res.status} ${await res.text()}`);
  const tree = (await res.json()) as { units: { id: string; departments: { id: string }[] }[] };
  const unit = tree.units.find((u) => u.departments.length > 0) ?? tree.units[0];
  if (!unit) throw new Error('the organisation has no unit to report about');
  const departmentId = unit.departments[0]?.id;
  return { unitId: unit.id, ...(departmentId && { departmentId }) };
}

/** Fetches and solves one challenge per submission, from the server it will be sent to. */
async function solvedPayloads(urls: string[], count: number): Promise<string[]> {
  const payloads: string[] = [];
  for (let i = 0; i < count; i++) {
    const url = urls[i % urls.length] ?? '';
    const res = await fetch(`${url}/api/public/challenge`);
    if (!res.ok) throw new Error(`GET /api/public/challenge failed: ${res.status} ${await res.text()}`);
    const c = (await res.json()) as Challenge;
    const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
    if (!solution) throw new Error('a challenge had no solution within its maxnumber');
    const payload = {
      algorithm: c.algorithm,
      challenge: c.challenge,
      number: solution.number,
      salt: c.salt,
      signature: c.signature,
    };
    payloads.push(Buffer.from(JSON.stringify(payload)).toString('base64'));
  }
  return payloads;
}

const BOUNDARY = 'bancheng-bench-burst';

function multipart(report: unknown, altcha: string): Buffer {
  const part = (name: string, value: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return Buffer.from(`${part('report', JSON.stringify(report))}${part('altcha', altcha)}--${BOUNDARY}--\r\n`);
}

function post(url: string, localAddress: string, body: Buffer): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: '/api/public/reports',
        localAddress,
        agent: false,
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': String(body.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', reject);
    req.end(body);
  });
}

export interface PreparedBurst {
  /** Sends the burst, spread evenly over `seconds`, and checks the answers. */
  run(): Promise<BurstRound>;
}

/**
 * Solves the round's challenges now (so solving does not compete with the measurement), and returns the
 * burst ready to send: `count` submissions, one every seconds/count, to the servers in turn.
 */
export async function prepareBurst(options: {
  round: number;
  urls: string[];
  address: string;
  count: number;
  seconds: number;
  limit: number;
  place: { unitId: string; departmentId?: string };
}): Promise<PreparedBurst> {
  const solveStart = performance.now();
  const payloads = await solvedPayloads(options.urls, options.count);
  const solveMs = performance.now() - solveStart;
  const report = {
    what: '基准测试：窗口工作人员以材料不全为由拒绝受理，未一次性告知需补正的材料。',
    ...options.place,
    counter: '3号窗口',
    consent: true,
    language: 'zh',
  };
  return {
    async run() {
      const statuses: Record<string, number>[] = options.urls.map(() => ({}));
      const unexpected: string[] = [];
      const gapMs = (options.seconds * 1000) / options.count;
      const t0 = performance.now();
      await Promise.all(
        payloads.map(async (altcha, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * gapMs));
          const server = i % options.urls.length;
          let answer: { status: number; body: string };
          try {
            answer = await post(options.urls[server] ?? '', options.address, multipart(report, altcha));
          } catch (error) {
            unexpected.push(`server ${server}: ${String(error)}`);
            return;
          }
          const counts = statuses[server] ?? {};
          counts[answer.status] = (counts[answer.status] ?? 0) + 1;
          const limited = answer.status === 429 && answer.body.includes('"RATE_LIMITED"');
          if (answer.status !== 201 && !limited)
            unexpected.push(`server ${server}: ${answer.status} ${answer.body.slice(0, 200)}`);
        }),
      );
      const elapsedMs = performance.now() - t0;
      const total = (status: number) => statuses.reduce((n, s) => n + (s[status] ?? 0), 0);
      const everyServerRefused = statuses.every((s) => (s[429] ?? 0) > 0);
      return {
        round: options.round,
        address: options.address,
        sent: options.count,
        limit: options.limit,
        statuses,
        unexpected,
        elapsedMs,
        solveMs,
        met:
          unexpected.length === 0 &&
          total(201) === options.limit &&
          total(429) === options.count - options.limit &&
          everyServerRefused,
      };
    },
  };
}
