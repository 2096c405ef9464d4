import { HttpException } from '@nestjs/common';
import type { ApiError } from '@zhicheng/contracts';
import { ErrorCode } from '@zhicheng/contracts';

/** The coded exception every module throws: a status, a stable code and a Chinese message. */
export class AppException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super({ statusCode: status, code, message, ...(fields ? { fields } : {}) } satisfies ApiError, status);
  }

  static notFound(what = '记录'): AppException {
    return new AppException(404, ErrorCode.NotFound, `${what}不存在或无权访问`);
  }
  static forbidden(message = '您没有执行此操作的权限'): AppException {
    return new AppException(403, ErrorCode.Forbidden, message);
  }
  static outOfScope(): AppException {
    return new AppException(403, ErrorCode.OutOfScope, '该数据不属于您所在机构的管理范围');
  }
  static conflict(message: string, code: string = ErrorCode.Conflict): AppException {
    return new AppException(409, code, message);
  }
  static validation(fields: Record<string, string>, message?: string): AppException {
    const first = Object.values(fields)[0];
    return new AppException(400, ErrorCode.ValidationFailed, message ?? first ?? '输入有误', fields);
  }
}
