// Every setting the server reads, from the environment, validated once at start.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_CASE_NUMBER_FORMAT } from '@bancheng/core';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QUERY_TIMES_FILE: z.string().optional(),
  TRUST_PROXY: bool.default(false),
  DEMO_DATA: bool.optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10000).default(30),
  WEB_DIST: z.string().optional(),
  CASE_NUMBER_FORMAT: z.string().min(1).max(60).default(DEFAULT_CASE_NUMBER_FORMAT),
  SMTP_URL: z
    .union([z.literal(''), z.string().regex(/^smtps?:\/\/\S+$/, 'smtp:// or smtps:// URL')])
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('办成 <bancheng@localhost>'),
  SMS_GATEWAY_URL: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional(),
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  CONNECTION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(72),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1000),
});

/** The name of every setting read from the environment (the deployment samples may set no other). */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  env: string;
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  /** A diagnostic: sum each SQL statement's time and write it here on shutdown (platform/db/query-times.ts). */
  queryTimesFile: string | undefined;
  trustProxy: boolean;
  /** Load the demo bureau into an empty database (never in production). */
  demoData: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginMaxFailures: number;
  loginLockMs: number;
  loginMaxFailuresPerAddress: number;
  webDist: string;
  /** Template of readable case numbers: {year}, {seq} or {seqN} zero-padded to N digits. */
  caseNumberFormat: string;
  /** smtp://user:pass@host:port (or smtps://); unset, no email is sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** An HTTP endpoint that takes POST {to, text}; unset, no SMS is sent. */
  smsGatewayUrl: string | undefined;
  /** How often the outbox worker sends due messages and looks for reply reminders. */
  outboxIntervalMs: number;
  /** The largest case attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** The longest a client may take to send a whole request, headers and body (slow-loris). */
  requestTimeoutMs: number;
  /** A connection on which nothing arrives or leaves for this long is closed. */
  connectionTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after a response. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; further ones are refused until some close. */
  maxConnections: number;
  version: string;
}

export const VERSION = '0.1.0';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid settings: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    logLevel: e.LOG_LEVEL,
    queryTimesFile: e.QUERY_TIMES_FILE || undefined,
    trustProxy: e.TRUST_PROXY,
    demoData: production ? false : (e.DEMO_DATA ?? true),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    webDist: path.resolve(e.WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
    caseNumberFormat: e.CASE_NUMBER_FORMAT,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    smsGatewayUrl: e.SMS_GATEWAY_URL || undefined,
    outboxIntervalMs: e.OUTBOX_INTERVAL_SECONDS * 1000,
    attachmentMaxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024,
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    connectionTimeoutMs: e.CONNECTION_TIMEOUT_SECONDS * 1000,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    maxConnections: e.MAX_CONNECTIONS,
    version: VERSION,
  };
}
