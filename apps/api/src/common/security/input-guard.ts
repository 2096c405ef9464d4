import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type ApiError } from '@zhicheng/contracts';

/** Deepest nesting of objects/arrays a JSON body may have (the deepest form in the system is far below). */
export const MAX_JSON_DEPTH = 32;
/** Most strings, numbers and keys one JSON body may carry in total. */
export const MAX_JSON_NODES = 20_000;

/**
 * Control characters refused in every string of a request: C0 controls except tab, line feed and carriage
 * return (multi-line text), DEL, and the C1 range. PostgreSQL cannot store U+0000 in text at all, the others
 * have no place in a form and are a classic way to split log lines or confuse parsers.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** In a query string or a path parameter even tab and line breaks have no business. */
const CONTROL_STRICT = /[\u0000-\u001F\u007F-\u009F]/;

export class InputError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

const tooDeep = () =>
  new InputError(400, { statusCode: 400, code: ErrorCode.ValidationFailed, message: `请求内容嵌套层级过深（最多${MAX_JSON_DEPTH}层）` });
const tooMany = () => new InputError(400, { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求内容包含的数据项过多' });

/**
 * Checks the nesting depth and the number of values of a JSON text in one linear pass over the bytes, before
 * any parsing: a body nested 5,000 levels deep never reaches JSON.parse or the validators.
 */
export function checkJsonShape(buf: Buffer): void {
  let depth = 0;
  let nodes = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      if (++nodes > MAX_JSON_NODES) throw tooMany();
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw tooDeep();
      if (++nodes > MAX_JSON_NODES) throw tooMany();
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x2c) {
      if (++nodes > MAX_JSON_NODES) throw tooMany();
    }
  }
}

/** The first string (key or value) holding a control character, as a field path; null when clean. */
export function findControlChars(value: unknown, strict: boolean, path = '', depth = 0): string | null {
  if (depth > MAX_JSON_DEPTH + 2) return null;
  const re = strict ? CONTROL_STRICT : CONTROL;
  if (typeof value === 'string') return re.test(value) ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlChars(value[i], strict, path ? `${path}.${i}` : String(i), depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (re.test(k)) return p;
      const hit = findControlChars(v, strict, p, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

function controlCharError(field: string): ApiError {
  return {
    statusCode: 400,
    code: ErrorCode.ValidationFailed,
    message: '输入内容包含不允许的控制字符',
    fields: { [field]: '包含不允许的控制字符' },
  };
}

/**
 * Wires the request-shape checks into fastify, ahead of guards, pipes and handlers:
 * - JSON bodies are measured (depth, values) before parsing;
 * - query strings, path parameters and bodies with a control character answer 400 naming the field.
 */
export function installInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (req: FastifyRequest, reply: FastifyReply, done) => {
    const field =
      findControlChars(req.params, true) ??
      findControlChars(req.query, true) ??
      (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? findControlChars(req.body, false) : null);
    if (field) {
      void reply.status(400).send(controlCharError(field));
      return;
    }
    done();
  });
}
