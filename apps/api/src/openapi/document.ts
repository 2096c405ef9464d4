// The OpenAPI document (issue 19, "the contract for integrators"): Nest's document of the routes, with a Chinese
// summary on every operation (summaries.ts), the media type of every file download (@ApiProduces on the handler),
// and — when built for docs/openapi.json — the response schema of every operation, generated from the handlers'
// declared TypeScript return types (response-schemas.ts).
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, RESPONSE_PASSTHROUGH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ResponseCatalog } from './response-schemas.js';
import { SUMMARIES } from './summaries.js';

/** What the document knows of one handler beyond Nest's own metadata, keyed by Nest's operationId. */
interface Handler {
  /** `@ApiProduces(...)`: the media types of a file answer. */
  produces: string[];
  /** Takes the raw reply (`@Res()` without passthrough): it writes the answer itself. */
  rawReply: boolean;
}

type Operation = { operationId?: string; summary?: string; responses: Record<string, Record<string, unknown>> };

/** The metadata key of `@ApiProduces` (DECORATORS.API_PRODUCES inside @nestjs/swagger, which exports no constants). */
const API_PRODUCES = 'swagger/apiProduces';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Every controller method of the application, by Nest's default operationId `<Controller>_<method>`. */
function handlers(app: INestApplication): Map<string, Handler> {
  const out = new Map<string, Handler>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!cls) continue;
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = (cls.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function' || Reflect.getMetadata(PATH_METADATA, fn) === undefined) continue;
        if (RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number] === undefined) continue;
        const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, name) ?? {};
        const takesReply = Object.keys(args).some((k) => Number(k.split(':')[0]) === RouteParamtypes.RESPONSE);
        out.set(`${cls.name}_${name}`, {
          produces: (Reflect.getMetadata(API_PRODUCES, fn) as string[] | undefined) ?? [],
          rawReply: takesReply && !Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, cls, name),
        });
      }
    }
  }
  return out;
}

function operations(doc: OpenAPIObject): { key: string; op: Operation }[] {
  const out: { key: string; op: Operation }[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[m];
      if (op) out.push({ key: `${m.toUpperCase()} ${p}`, op });
    }
  }
  return out;
}

const isDownload = (h: Handler | undefined): boolean => !!h && h.produces.some((t) => t !== 'application/json');

export interface BuiltDocument {
  document: OpenAPIObject;
  /** What the contract lacks: operations without a summary or a response schema, summaries of no route. */
  problems: string[];
}

/**
 * Builds the document. `catalog` (the response schemas from the TypeScript types) is given when the document is
 * built for docs/openapi.json; the running server documents without it (the type-check takes seconds).
 */
export function buildDocument(app: INestApplication, catalog?: (operationIds: string[]) => ResponseCatalog): BuiltDocument {
  const config = new DocumentBuilder().setOpenAPIVersion('3.1.0').setTitle('职称申报评审平台 API').setVersion('0.1.0').addBearerAuth().build();
  const document = SwaggerModule.createDocument(app, config);
  const problems: string[] = [];
  const byId = handlers(app);
  const ops = operations(document);
  const seen = new Set<string>();
  const jsonIds = ops.map(({ op }) => op.operationId ?? '').filter((id) => !isDownload(byId.get(id)));
  const found = catalog?.(jsonIds);
  for (const { key, op } of ops) {
    seen.add(key);
    const summary = SUMMARIES[key];
    if (summary) op.summary = summary;
    else problems.push(`${key}: no summary (add it to apps/api/src/openapi/summaries.ts)`);
    const code = Object.keys(op.responses).find((c) => c.startsWith('2')) ?? '200';
    const h = byId.get(op.operationId ?? '');
    if (isDownload(h)) {
      op.responses[code] = {
        description: '文件',
        content: Object.fromEntries(h!.produces.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
      };
      continue;
    }
    if (h?.rawReply) {
      problems.push(`${key}: writes the raw reply but declares no media type (add @ApiProduces(...) to the handler)`);
      continue;
    }
    if (!found) continue;
    const shape = found.operations.get(op.operationId ?? '');
    if (!shape || shape.kind === 'opaque') {
      problems.push(`${key}: no response schema (${shape?.kind === 'opaque' ? shape.reason : 'no controller method found'}; declare its return type)`);
    } else if (shape.kind === 'empty') {
      op.responses[code] = { description: '无响应体' };
    } else {
      op.responses[code] = { description: '成功', content: { 'application/json': { schema: shape.schema } } };
    }
  }
  for (const key of Object.keys(SUMMARIES)) {
    if (!seen.has(key)) problems.push(`${key}: a summary of no route (stale key in apps/api/src/openapi/summaries.ts)`);
  }
  if (found) {
    const schemas = (document.components ??= {}).schemas ??= {};
    for (const [name, schema] of Object.entries(found.components)) {
      if (schemas[name]) problems.push(`components.schemas.${name}: a response type and a request DTO share the name`);
      else schemas[name] = schema;
    }
  }
  return { document, problems };
}
