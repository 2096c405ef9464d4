import { AdminLevel, Role } from '@zhicheng/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { AppException } from '../errors/app.exception.js';

/** Background jobs and message delivery are managed by the province's title office administrators only. */
export function assertJobsAdmin(user: AuthUser): void {
  if (user.role !== Role.OfficeAdmin || user.orgLevel !== AdminLevel.Province) {
    throw AppException.forbidden('只有省级职称管理部门的管理员可以管理后台任务和消息投递');
  }
}
