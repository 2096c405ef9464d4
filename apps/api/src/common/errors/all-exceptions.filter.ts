import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError, OptimisticLockVersionMismatchError } from 'typeorm';
import { ErrorCode, type ApiError } from '@zhicheng/contracts';
import { InputError } from '../security/input-guard.js';

const STATUS_CODES: Record<number, [string, string]> = {
  400: [ErrorCode.ValidationFailed, '请求格式有误'],
  401: [ErrorCode.Unauthenticated, '请先登录'],
  403: [ErrorCode.Forbidden, '您没有执行此操作的权限'],
  404: [ErrorCode.NotFound, '请求的资源不存在'],
  405: [ErrorCode.NotFound, '不支持的请求方法'],
  409: [ErrorCode.Conflict, '数据已被他人修改，请刷新后重试'],
  406: [ErrorCode.ValidationFailed, '不支持请求的响应格式'],
  408: [ErrorCode.ValidationFailed, '请求超时，请重试'],
  411: [ErrorCode.ValidationFailed, '请求缺少内容长度'],
  413: [ErrorCode.PayloadTooLarge, '请求内容过大'],
  414: [ErrorCode.ValidationFailed, '请求地址过长'],
  415: [ErrorCode.ValidationFailed, '不支持的内容类型'],
  416: [ErrorCode.ValidationFailed, '请求的范围无效'],
  422: [ErrorCode.ValidationFailed, '请求内容无法处理'],
  431: [ErrorCode.ValidationFailed, '请求头过大'],
  429: [ErrorCode.RateLimited, '操作过于频繁，请稍后再试'],
};

/** A query cancelled by statement_timeout (57014), a lock not granted within lock_timeout (55P03), or no free pool connection in time. */
export function isDatabaseBusy(e: unknown): boolean {
  const err = e as { driverError?: { code?: string; message?: string }; code?: string; message?: string } | null;
  const code = err?.driverError?.code ?? err?.code;
  // 53300: the embedded database's connection queue was full or waited too long (database/embedded.ts).
  if (code === '57014' || code === '55P03' || code === '53300') return true;
  const msg = err?.driverError?.message ?? err?.message ?? '';
  return /timeout exceeded when trying to connect|Connection terminated due to connection timeout/.test(msg);
}

/**
 * After an over-limit answer the connection closes instead of reading the rest of the body. Closing a socket with
 * unread bytes makes the kernel send a reset that can overtake the answer, so (like nginx's lingering close) the
 * answer is sent with a FIN, incoming bytes are dropped unread for at most a second, then the socket is destroyed.
 */
function lingeringClose(reply: FastifyReply): void {
  void reply.header('connection', 'close');
  const socket = reply.raw?.socket as (NodeJS.WritableStream & { destroySoon?: () => void; destroy(): void; resume(): void }) | null;
  if (!socket) return;
  socket.destroySoon = function (this: typeof socket) {
    this.end();
    this.resume();
    setTimeout(() => this.destroy(), 1000).unref();
  };
}

/** Turns every error into the one shape `{ statusCode, code, message, fields? }`; never leaks internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toApiError(exception, req);
    if (body.statusCode >= 500) {
      this.logger.error({ msg: 'unhandled', url: req?.url, err: exception instanceof Error ? exception.stack : String(exception) });
    }
    if (body.statusCode === 503) void reply.header('retry-after', '5');
    // An over-limit upload is not read to its end: the connection closes once the answer is written.
    if (body.statusCode === 413) lingeringClose(reply);
    void reply.status(body.statusCode).send(body);
  }

  toApiError(exception: unknown, _req?: FastifyRequest): ApiError {
    if (exception instanceof InputError) return exception.body;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const resp = exception.getResponse();
      if (typeof resp === 'object' && resp && 'code' in resp && 'message' in resp) {
        return resp as ApiError;
      }
      const [code, message] = STATUS_CODES[status] ?? [ErrorCode.Internal, '请求失败'];
      return { statusCode: status, code, message };
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return { statusCode: 409, code: ErrorCode.Conflict, message: '数据已被他人修改，请刷新后重试' };
    }
    // The database limits (DB_STATEMENT_TIMEOUT_MS, DB_LOCK_TIMEOUT_MS, DB_POOL_WAIT_MS): busy, not broken.
    if (isDatabaseBusy(exception)) {
      return { statusCode: 503, code: ErrorCode.ServiceUnavailable, message: '系统繁忙，请稍后重试（数据库等待超时）' };
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
      if (pgCode === '23505') return { statusCode: 409, code: ErrorCode.Conflict, message: '数据重复，已存在相同记录' };
      if (pgCode === '23503') return { statusCode: 409, code: ErrorCode.Conflict, message: '数据仍被其他记录引用，无法操作' };
      if (pgCode === '40001' || pgCode === '40P01') {
        return { statusCode: 409, code: ErrorCode.Conflict, message: '操作冲突，请重试' };
      }
      // Bad values that reached SQL (defence in depth: the input guard and the validators stop them first).
      if (pgCode && ['22P02', '22007', '22008', '22003', '22021', '22P05', '22001', '2201B', '22025', '22019', '54001'].includes(pgCode)) {
        return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '参数格式有误' };
      }
    }
    // Fastify's own errors (bad JSON, body too large, unsupported media type) carry a statusCode.
    const fe = exception as { statusCode?: number; code?: string };
    if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const [code, message] = STATUS_CODES[fe.statusCode] ?? [ErrorCode.ValidationFailed, '请求有误'];
      if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || exception instanceof SyntaxError) {
        return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求内容不是有效的JSON' };
      }
      if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: '请求内容过大（不能超过1MB）' };
      }
      if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return { statusCode: 415, code: ErrorCode.ValidationFailed, message: '不支持的内容类型，请以JSON提交' };
      }
      if (fe.code === 'FST_PROTO_VIOLATION' || fe.code === 'FST_CONSTRUCTOR_VIOLATION') {
        return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求内容包含不允许的字段' };
      }
      if (fe.code === 'FST_ERR_BAD_URL') return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求地址格式有误' };
      return { statusCode: fe.statusCode, code, message };
    }
    return { statusCode: 500, code: ErrorCode.Internal, message: '服务器内部错误，请稍后重试' };
  }
}
