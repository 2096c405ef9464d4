import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OrgType, Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { OrganisationsService } from './organisations.service.js';

class OrgQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(100) keyword?: string;
  @IsOptional() @IsIn(Object.values(OrgType)) type?: string;
  @IsOptional() @Matches(/^\d{2,6}$/, { message: '行政区划代码格式有误' }) regionCode?: string;
}

@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly orgs: OrganisationsService) {}

  @Get()
  @RequirePermission(Permission.OrgRead)
  list(@CurrentUser() user: AuthUser, @Query() q: OrgQueryDto) {
    return this.orgs.list(user, q);
  }
}
