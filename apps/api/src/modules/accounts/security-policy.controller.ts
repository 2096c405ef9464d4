import { Body, Controller, Get, Put } from '@nestjs/common';
import { Permission, type SecurityPolicyView } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { UpdateSecurityPolicyDto } from './dto/security-policy.dto.js';
import { SecurityPolicyService } from './security-policy.service.js';

/** A-31: the 安全管理员's security policy (login lockout, session idle timeout and lifetime). */
@Controller('security-policy')
export class SecurityPolicyController {
  constructor(private readonly policy: SecurityPolicyService) {}

  @Get()
  @RequirePermission(Permission.SecurityPolicyManage)
  view(): Promise<SecurityPolicyView> {
    return this.policy.view();
  }

  @Put()
  @RequirePermission(Permission.SecurityPolicyManage)
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateSecurityPolicyDto): Promise<SecurityPolicyView> {
    return this.policy.update(user, dto);
  }
}
