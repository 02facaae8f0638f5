// Test helpers for the ledger: a solved ALTCHA challenge (altcha-lib's own solver), and the public form's
// multipart body (`report` JSON, `altcha`, files `attachments`).
import { solveChallenge } from 'altcha-lib/v1';
import type { TestApp } from './harness.ts';

export async function solvedAltcha(t: TestApp): Promise<string> {
  const res = await t.inject({ method: 'GET', url: '/api/public/challenge' });
  if (res.statusCode !== 200) throw new Error(`challenge: ${res.statusCode}`);
  const c = res.json<{
    algorithm: string;
    challenge: string;
    salt: string;
    signature: string;
    maxnumber: number;
  }>();
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('challenge not solved');
  return Buffer.from(
    JSON.stringify({
      algorithm: c.algorithm,
      challenge: c.challenge,
      number: solution.number,
      salt: c.salt,
      signature: c.signature,
    }),
  ).toString('base64');
}

export interface FormFile {
  name: string;
  content: Buffer;
  type?: string;
}

export function reportForm(parts: { report?: unknown; altcha?: string; files?: FormFile[] }) {
  const boundary = `----ledger${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  const field = (name: string, value: string) =>
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        'utf8',
      ),
    );
  if (parts.report !== undefined)
    field('report', typeof parts.report === 'string' ? parts.report : JSON.stringify(parts.report));
  if (parts.altcha !== undefined) field('altcha', parts.altcha);
  for (const f of parts.files ?? []) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      f.content,
      Buffer.from('\r\n', 'utf8'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A valid 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
