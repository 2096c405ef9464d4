import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './config/config.js';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { requestContext } from './common/request-context.js';
import { clock } from './common/clock/clock.service.js';

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

/** The OpenAPI document of the application (served at /api/docs, committed as docs/openapi.json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('职称申报评审平台 API').setVersion('0.1.0').addBearerAuth().build());
}

/** Builds the HTTP application (used by the server and by the integration tests alike). */
export async function createApp(config: AppConfig, databaseUrl: string, poolSize = 10): Promise<NestFastifyApplication> {
  if (config.clock.at) clock.pin(config.clock.at);
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    // One access-log line per request (below), not fastify's two (incoming + completed): logging was
    // a measurable share of a request's CPU in the benchmarks.
    logController: new LogController({ disableRequestLogging: true }),
    logger:
      config.env === 'test'
        ? false
        : {
            level: 'info',
            stream: bufferedStdout(),
            serializers: {
              req: (r: { method: string; url: string; ip?: string }) => ({ method: r.method, url: r.url.split('?')[0], ip: r.ip }),
            },
          },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, poolSize), adapter, {
    logger: config.env === 'test' ? ['error'] : ['error', 'warn'],
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, _reply, done) => {
    requestContext.enterWith({ ip: req.ip ?? null, requestId: String(req.id) });
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

  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.webDist && existsSync(path.join(config.webDist, 'index.html'))) {
    const indexHtml = readFileSync(path.join(config.webDist, 'index.html'), 'utf8');
    // Loaded only when serving the SPA (it pulls ESM-only dependencies that Jest's runtime cannot require).
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
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
