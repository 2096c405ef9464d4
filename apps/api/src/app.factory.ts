import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './config/config.js';
import { AppModule } from './app.module.js';
import { ApiDocs } from './modules/health/api-docs.controller.js';
import { buildDocument } from './openapi/document.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { requestContext } from './common/request-context.js';
import { clock } from './common/clock/clock.service.js';
import { JsonNestLogger } from './common/logging/json-logger.js';
import { pinoRedaction } from './common/logging/redact.js';
import { checkJsonShape, installInputGuard } from './common/security/input-guard.js';

/**
 * The log destination: lines are gathered and written to stdout once per event-loop turn (one write for many
 * requests under load; a write per line to a pipe is synchronous and was a measurable share of a cheap request,
 * see docs/PERFORMANCE.md "Certificates"). Nothing is held longer than the current turn.
 */
function bufferedStdout(): { write(line: string): void } {
  let buf: string[] = [];
  const flush = () => {
    const out = buf.join('');
    buf = [];
    process.stdout.write(out);
  };
  return {
    write(line: string) {
      if (buf.push(line) === 1) setImmediate(flush);
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Hashed build output (Vite writes `assets/<name>-<hash>.<ext>`): never changes under its name. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * `TRUST_PROXY` for fastify: a list of proxy addresses as is (only those peers' X-Forwarded-For is believed); a hop
 * count N as "the N nearest hops are proxies" — fastify itself refuses a bare number because it cannot check the
 * peer, so a hop count is only for an API that no client can reach except through the proxies (see OPERATIONS.md).
 */
export function trustProxyOption(setting: AppConfig['trustProxy']): boolean | string[] | ((addr: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_addr: string, hop: number) => hop < setting;
  return setting;
}

/** Builds the HTTP application (used by the server and by the integration tests alike). */
export async function createApp(config: AppConfig, databaseUrl: string, poolSize = 10): Promise<NestFastifyApplication> {
  if (config.clock.at) clock.pin(config.clock.at);
  const adapter = new FastifyAdapter({
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 1024 * 1024,
    // A request id from the proxy in front (nginx sets X-Request-Id to its own $request_id) is kept so one id
    // follows a request through both logs; anything else gets a fresh one. Every answer carries it back.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // The router's own refusals (malformed URL 400, over-long parameter 414) and the HTTP parser's (431,
    // malformed request) answer in the same Chinese shape as everything else.
    frameworkErrors: ((error: { statusCode?: number }, _req: unknown, reply: unknown) => {
      const status = error.statusCode ?? 400;
      const message = status === 414 ? '请求地址过长' : '请求地址格式有误';
      void (reply as { status(n: number): { send(b: unknown): void } }).status(status).send({ statusCode: status, code: 'VALIDATION_FAILED', message });
    }) as never,
    clientErrorHandler: (err, socket) => {
      const code = (err as { code?: string }).code;
      const [status, text, message] =
        code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', '请求头或请求地址过长'] :
        code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', '请求超时，请重试'] :
        [400, 'Bad Request', '请求格式有误'];
      if (socket.writable) {
        const body = JSON.stringify({ statusCode: status, code: 'VALIDATION_FAILED', message });
        socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      } else socket.destroy(err);
    },
    // One access-log line per request (below), not fastify's two (incoming + completed): logging was
    // a measurable share of a request's CPU in the benchmarks.
    logController: new LogController({ disableRequestLogging: true }),
    logger:
      config.env === 'test'
        ? false
        : {
            level: 'info',
            stream: bufferedStdout(),
            ...pinoRedaction,
            serializers: {
              req: (r: { method: string; url: string; ip?: string }) => ({ method: r.method, url: r.url.split('?')[0], ip: r.ip }),
            },
          },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, poolSize), adapter, {
    logger: config.env === 'test' ? ['error'] : new JsonNestLogger(adapter.getInstance().log),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // JSON bodies: size (bodyLimit, 413), then depth and number of values measured on the bytes, then parsed.
  const jsonParser = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: 1024 * 1024 }, (req, body, done) => {
    try {
      checkJsonShape(body);
    } catch (e) {
      done(e as Error, undefined);
      return;
    }
    void jsonParser(req as never, body as unknown as string, done);
  });
  installInputGuard(fastify);
  fastify.addHook('onRequest', (req, reply, done) => {
    requestContext.enterWith({ ip: req.ip ?? null, requestId: String(req.id), startedMs: performance.now(), userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 200) : null });
    void reply.header('x-request-id', String(req.id));
    // The business clock (pinned in development, shifted under faketime): the SPA derives its dates from it.
    void reply.header('x-business-time', String(clock.nowMs()));
    done();
  });
  if (config.env !== 'test') {
    fastify.addHook('onResponse', (req, reply, done) => {
      req.log.info({ method: req.method, url: req.url.split('?')[0], ip: req.ip, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
      done();
    });
  }
  await app.register(fastifyCookie);
  // Uploads: one file per request (attachments ≤ 10 MB, checked per class by the files module; Excel imports ≤ 50 MB).
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'self'", 'blob:'],
      },
    },
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  // The served document has the summaries and file media types; the response schemas need a type-check of the
  // sources and come with docs/openapi.json (`npm run openapi`).
  const { document } = buildDocument(app);
  app.get(ApiDocs).document = document;
  // Issue 13: no public API documentation on a production server (administrators: GET /api/admin/openapi.json).
  if (config.env !== 'production') SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.webDist && existsSync(path.join(config.webDist, 'index.html'))) {
    const indexHtml = readFileSync(path.join(config.webDist, 'index.html'), 'utf8');
    // Loaded only when serving the SPA (it pulls ESM-only dependencies that Jest's runtime cannot require).
    const { default: fastifyStatic } = await import('@fastify/static');
    const { default: fastifyCompress } = await import('@fastify/compress');
    // Single-port mode (`npm start`) has no nginx in front: compress here (brotli, else gzip; registered before
    // the static files as the plugin asks) and cache like nginx does — hashed assets immutable for a year, the
    // rest (index.html, favicon) revalidated on every load.
    // Every asset is compressed, however small: the SPA is split per page and its many small chunks are budgeted as
    // sent compressed (apps/web/scripts/bundle-budget.mjs).
    await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 0 });
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Not the build's dot folders (dist/.vite/manifest.json, read by the bundle budget at build time).
      dotfiles: 'ignore',
      setHeaders: (res, filePath) => {
        const rel = '/' + path.relative(config.webDist!, filePath).split(path.sep).join('/');
        res.setHeader('cache-control', HASHED_ASSET.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Client-side routes of the SPA: every other GET outside /api answers index.html.
    fastify.get('/*', (req, reply) => {
      if (req.url.startsWith('/api/') || req.url === '/api') {
        return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '请求的资源不存在' });
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
  }
  await app.init();
  await fastify.ready();
  return app;
}
