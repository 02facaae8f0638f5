// Builds the HTTP application: plugins, hooks, routes and the web app, over an open database.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifySchema } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './platform/config.ts';
import type { Clock } from './platform/clock.ts';
import type { AppContext } from './platform/context.ts';
import { openDatabase, sqliteFileIn, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { errorHandler, langOf, sendError } from './platform/http/errors.ts';
import { registerJsonParser } from './platform/http/json-parser.ts';
import { authModule, registerSession } from './modules/auth/index.ts';
import { healthModule } from './modules/health/index.ts';
import { orgModule } from './modules/org/index.ts';
import { peopleModule } from './modules/people/index.ts';
import { chainsModule } from './modules/chains/index.ts';
import { auditModule } from './modules/audit/index.ts';
import { casesModule } from './modules/cases/index.ts';
import { calendarModule, ensureShippedCalendar } from './modules/calendar/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { mattersModule } from './modules/matters/index.ts';
import { deputiesModule } from './modules/deputies/index.ts';
import { settingsModule } from './modules/settings/index.ts';
import { trackingModule } from './modules/tracking/index.ts';
import { ledgerModule } from './modules/ledger/index.ts';

const JSON_BODY_LIMIT = 256 * 1024;
const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** Full phone numbers never reach the log, even inside a URL. */
function maskDigits(text: string): string {
  return text.replace(/(\d{3})\d{4}(\d{4})/g, '$1****$2');
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The application's clock, for code that has the request but not the context (the error handler). */
    clock: Clock;
  }
}

/** The headers every response carries; the API's answers are never cached. */
function setSecurityHeaders(url: string, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  if (!url.startsWith('/api/docs')) {
    reply.header('x-frame-options', 'DENY');
    reply.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
  }
  if (url.startsWith('/api/')) reply.header('cache-control', 'no-store');
}

/** Hashed build output under assets/ never changes under its name; everything else (index.html) is
 * checked on every visit, so a deploy shows at once. */
function cacheControlFor(webDist: string, file: string): string {
  const relative = path.relative(webDist, file).split(path.sep);
  return relative[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export interface AppRoute {
  method: string;
  url: string;
  consumes?: readonly string[];
  /** The route's schemas (zod: params, querystring, body, response), for tests that generate requests. */
  schema?: FastifySchema;
}

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Every registered route, for the OpenAPI coverage check (and the media types an upload consumes). */
  routes: AppRoute[];
  close(): Promise<void>;
}

export interface BuildOptions {
  /** Where every "now" comes from: main.ts gives the system clock, tests may give a set one. */
  clock: Clock;
  /** An already-open database (tests open their own); otherwise the one the settings name. */
  database?: Database;
  /** Where log lines go instead of stdout (tests read them to prove what is never logged). */
  logStream?: { write(line: string): void };
}

export async function buildApp(config: Config, options: BuildOptions): Promise<BuiltApp> {
  const db =
    options.database ??
    openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
  await migrateToLatest(db.db);
  const ctx: AppContext = { database: db, config, clock: options.clock };
  await ensureShippedCalendar(ctx);

  const app = Fastify({
    trustProxy: config.trustProxy,
    bodyLimit: JSON_BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    // A client that stalls (slow-loris) is cut off: the whole request, headers included, must arrive
    // within requestTimeout (else 408), a silent connection closes, idle keep-alives end.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
      // How often Node looks for requests past those limits (its default, 30 s, would outlast short ones).
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, config.requestTimeoutMs / 4)),
    },
    genReqId: () => crypto.randomUUID(),
    // A path that does not decode (`/api/cases/%ff`) gets the usual envelope, not Fastify's own body.
    // It is answered before the hooks run, so it sets the security headers itself.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request.url, reply);
      void sendError(
        reply,
        langOf(request),
        error.code === 'FST_ERR_BAD_URL' ? 'MALFORMED_URL' : 'BAD_REQUEST',
      );
    },
    logger: {
      level: config.logLevel,
      ...(options.logStream && { stream: options.logStream }),
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          url: maskDigits(req.url),
        }),
      },
    },
  });
  app.decorate('clock', ctx.clock);
  app.server.maxConnections = config.maxConnections;
  const routes: AppRoute[] = [];
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    const consumes = (schema as { consumes?: readonly string[] } | undefined)?.consumes;
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, ...(consumes && { consumes }), ...(schema && { schema }) });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerJsonParser(app);
  db.monitor.attachLog(app.log);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'bancheng 办成 API',
        description:
          '说“不”事项提级管理系统 — JSON under /api. Errors: {"error":{"code","message","fields"?}}.',
        version: config.version,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bc_session' } },
      },
    },
    transform: jsonSchemaTransform,
    // Schemas given an id (`.meta({ id })` in core) become components, referenced where they are used.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onSend', async (request, reply) => {
    setSecurityHeaders(request.url, reply);
  });

  registerSession(app, ctx);
  // Each feature module is one plugin; the session hook, parsers and error handler above apply to all.
  for (const module of [
    healthModule,
    authModule,
    orgModule,
    peopleModule,
    chainsModule,
    auditModule,
    calendarModule,
    casesModule,
    notificationsModule,
    mattersModule,
    deputiesModule,
    settingsModule,
    trackingModule,
    ledgerModule,
  ]) {
    await app.register(module, { ctx });
  }
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset; the one the browser accepts is sent as it is.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', cacheControlFor(config.webDist, file));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0] ?? '');
    if (wantsPage && hasWeb) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(fs.createReadStream(indexHtml));
    }
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      const file = path.normalize(request.url.split('?')[0] ?? '/');
      const full = path.join(config.webDist, file);
      // The build's own files (.vite/manifest.json) and the compressed copies are not pages' assets.
      const internal = file.split(path.sep).some((part) => part.startsWith('.')) || /\.(br|gz)$/.test(file);
      if (!internal && full.startsWith(config.webDist) && fs.existsSync(full) && fs.statSync(full).isFile()) {
        return reply.sendFile(file.replace(/^\//, ''));
      }
    }
    return sendError(reply, langOf(request), 'NOT_FOUND');
  });

  await app.ready();
  return {
    app,
    ctx,
    routes,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
