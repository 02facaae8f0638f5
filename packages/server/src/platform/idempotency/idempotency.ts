// Idempotency keys ([0014](docs/decisions/0014-idempotency-keys.md)): a creating or changing request sent
// with an `Idempotency-Key` header is performed once per person and key; a repeat gets the first answer.
// The key is claimed by the change's own transaction (its first statement) and the answer stored before it
// commits, so a change never exists without its key, nor a key without its change.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, IDEMPOTENCY_KEY_PATTERN } from '@bancheng/core';
import { clockOf, type AppContext } from '../context.ts';
import type { Trx } from '../db/database.ts';
import { isUniqueViolationOf } from '../db/database-errors.ts';
import {
  deleteIdempotencyKeysBefore,
  findIdempotencyKey,
  insertIdempotencyKey,
  storeIdempotentResponse,
  type IdempotencyKeyRow,
} from './idempotency-repository.ts';

/** How long a key is kept: a retry comes within minutes; a day covers a laptop closed overnight. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

/** Sent on an answer that repeats the first one. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** A key a service claims inside its transaction (`claimIdempotencyKey`) and answers (`keepAnswer`). */
export interface IdempotencyClaim {
  personId: string;
  key: string;
  method: string;
  route: string;
  requestHash: string;
  /** The status the route answers on success, stored with the body. */
  status: number;
  createdAt: string;
}

const PRIMARY_KEY = {
  postgres: 'idempotency_keys_pkey',
  sqlite: 'idempotency_keys.person_id, idempotency_keys.key',
};

/** The request's key: undefined without the header; a malformed one is a 400. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new AppError('IDEMPOTENCY_KEY_INVALID');
  }
  return value;
}

/** JSON with object keys sorted, so the same request hashes the same whatever order its fields came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function requestHashOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? request.url;
  return createHash('sha256')
    .update(canonicalJson({ method: request.method, path, body: request.body ?? null }))
    .digest('hex');
}

/**
 * The first statement of the change's transaction: inserts the key. A second request with the same key
 * waits here for the first to commit (PostgreSQL) or runs after it (SQLite), and fails on the primary
 * key before it changes anything; `answerOnce` then answers it with the first answer.
 */
export async function claimIdempotencyKey(trx: Trx, claim: IdempotencyClaim | undefined): Promise<void> {
  if (!claim) return;
  await insertIdempotencyKey(trx, {
    person_id: claim.personId,
    key: claim.key,
    method: claim.method,
    route: claim.route,
    request_hash: claim.requestHash,
    status: claim.status,
    created_at: claim.createdAt,
  });
}

/** The last statement of the change's transaction: stores the answer with the key, and returns it. */
export async function keepAnswer<T>(trx: Trx, claim: IdempotencyClaim, body: T): Promise<T> {
  await storeIdempotentResponse(trx, {
    personId: claim.personId,
    key: claim.key,
    response: JSON.stringify(body),
  });
  return body;
}

/**
 * Answers a creating or changing request once per key: without the header, `perform` runs as always;
 * with one already stored, the stored answer is sent again (the same request) or the request is refused
 * (another request, 422 `IDEMPOTENCY_KEY_REUSED`); otherwise `perform` runs with the claim to take in
 * its transaction. A failed request stores nothing (its transaction rolled back), so it may be retried.
 */
export async function answerOnce<T>(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  args: { personId: string; status: number; perform: (claim: IdempotencyClaim | undefined) => Promise<T> },
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(request);
  if (key === undefined) return reply.status(args.status).send(await args.perform(undefined));
  const claim: IdempotencyClaim = {
    personId: args.personId,
    key,
    method: request.method,
    route: request.routeOptions.url ?? request.url,
    requestHash: requestHashOf(request),
    status: args.status,
    createdAt: clockOf(ctx).toISOString(),
  };
  const stored = await findIdempotencyKey(ctx.database.db, { personId: claim.personId, key });
  if (stored) return replay(reply, claim, stored);
  try {
    return reply.status(args.status).send(await args.perform(claim));
  } catch (error) {
    if (!isUniqueViolationOf(error, PRIMARY_KEY)) throw error;
    // The same key was claimed by a request in flight at the same time, and it committed first.
    const first = await findIdempotencyKey(ctx.database.db, { personId: claim.personId, key });
    if (!first) throw error;
    return replay(reply, claim, first);
  }
}

function replay(reply: FastifyReply, claim: IdempotencyClaim, stored: IdempotencyKeyRow): FastifyReply {
  if (stored.request_hash !== claim.requestHash || stored.response === null) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  }
  return reply
    .status(stored.status)
    .header(REPLAYED_HEADER, 'true')
    .send(JSON.parse(stored.response) as unknown);
}

/** Deletes keys older than a day (the hourly sweep beside the session purge). */
export async function purgeOldIdempotencyKeys(ctx: AppContext): Promise<number> {
  const before = new Date(clockOf(ctx).getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
  return deleteIdempotencyKeysBefore(ctx.database.db, before);
}
