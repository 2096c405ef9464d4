import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { requestContext } from '../request-context.js';

/**
 * NestJS's own log calls (errors from the exception filter, the workers' warnings) written through fastify's pino
 * logger: one JSON line each, with the request id of the request being served (`reqId`, as in the access log) when
 * there is one, and the stack as a field instead of coloured multi-line text.
 */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  private write(level: 'warn' | 'error', message: unknown, rest: unknown[]) {
    const ctx = requestContext.getStore();
    const fields: Record<string, unknown> = {};
    if (ctx?.requestId) fields.reqId = ctx.requestId;
    // Nest passes the context (logger name) last; for error() a stack may come before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (context) fields.context = context;
    if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest.shift();
    let msg: string;
    if (message instanceof Error) {
      msg = message.message;
      fields.err = { type: message.name, message: message.message, stack: message.stack };
    } else if (message && typeof message === 'object') {
      const { msg: m, ...other } = message as Record<string, unknown>;
      Object.assign(fields, other);
      msg = typeof m === 'string' ? m : (context ?? level);
    } else {
      msg = String(message);
    }
    this.pino[level](fields, msg);
  }

  /** Nest's informational lines (module and route mapping at start) are left out, as before: errors and warnings only. */
  log() {}
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug() {}
  verbose() {}
}
