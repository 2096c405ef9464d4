import { AdminLevel, Role } from '@zhicheng/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { AppException } from '../errors/app.exception.js';

/** Background jobs and message delivery are run by the province's 系统管理员 only (A-31: operation, not business). */
export function assertJobsAdmin(user: AuthUser): void {
  if (user.role !== Role.SystemAdmin || user.orgLevel !== AdminLevel.Province) {
    throw AppException.forbidden('只有省级系统管理员可以管理后台任务和消息投递');
  }
}
