import { Controller, Get } from '@nestjs/common';
import { Permission, type WorkbenchAnswer } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { WorkbenchService } from './workbench.service.js';

@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly svc: WorkbenchService) {}

  /** U-13: the signed-in operator's to-do counts (each linking to its filtered list) and the open batches with working days left. */
  @Get()
  @RequirePermission(Permission.WorkbenchRead)
  get(@CurrentUser() user: AuthUser): Promise<WorkbenchAnswer> {
    return this.svc.workbench(user);
  }
}
