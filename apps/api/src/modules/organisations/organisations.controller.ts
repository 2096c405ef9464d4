import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import {
  DeregisterDto,
  OrgDtoIn,
  OrgQueryDto,
  UnitPermissionApplyDto,
  UnitPermissionQueryDto,
  UnitPermissionResubmitDto,
  UnitPermissionReviewDto,
  UpdateOrgDto,
} from './dto/organisations.dto.js';
import { OrganisationsService } from './organisations.service.js';
import { UnitPermissionService } from './unit-permission.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly orgs: OrganisationsService) {}

  /** Every organisation picker: fuzzy search by name or credit code, in the caller's scope. */
  @Get()
  @RequirePermission(Permission.OrgRead)
  list(@CurrentUser() user: AuthUser, @Query() q: OrgQueryDto): ReturnType<OrganisationsService['list']> {
    return this.orgs.list(user, q);
  }

  @Get('export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.OrgManage)
  export(@CurrentUser() user: AuthUser, @Query() q: OrgQueryDto, @Res() reply: FastifyReply): ReturnType<OrganisationsService['export']> {
    return this.orgs.export(user, q, reply);
  }

  @Get(':id')
  @RequirePermission(Permission.OrgRead)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<OrganisationsService['get']> {
    return this.orgs.get(user, id);
  }

  @Post()
  @RequirePermission(Permission.OrgManage)
  create(@CurrentUser() user: AuthUser, @Body() dto: OrgDtoIn): ReturnType<OrganisationsService['create']> {
    return this.orgs.create(user, dto);
  }

  @Put(':id')
  @RequirePermission(Permission.OrgManage)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOrgDto): ReturnType<OrganisationsService['update']> {
    return this.orgs.update(user, id, dto);
  }

  @Post(':id/deregister')
  @RequirePermission(Permission.OrgManage)
  deregister(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeregisterDto): ReturnType<OrganisationsService['deregister']> {
    return this.orgs.deregister(user, id, dto);
  }
}

/** U-02 (unit side) and A-20 (title office side) of the unit permission application. */
@Controller('unit-permission')
export class UnitPermissionController {
  constructor(private readonly svc: UnitPermissionService) {}

  @Get('mine')
  @RequirePermission(Permission.UnitPermissionApply)
  mine(@CurrentUser() user: AuthUser): ReturnType<UnitPermissionService['mine']> {
    return this.svc.mine(user);
  }

  @Post('applications')
  @RequirePermission(Permission.UnitPermissionApply)
  apply(@CurrentUser() user: AuthUser, @Body() dto: UnitPermissionApplyDto): ReturnType<UnitPermissionService['apply']> {
    return this.svc.apply(user, dto);
  }

  @Put('applications/:id')
  @RequirePermission(Permission.UnitPermissionApply)
  resubmit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UnitPermissionResubmitDto): ReturnType<UnitPermissionService['resubmit']> {
    return this.svc.resubmit(user, id, dto);
  }

  @Get('applications')
  @RequirePermission(Permission.UnitPermissionReview)
  list(@CurrentUser() user: AuthUser, @Query() q: UnitPermissionQueryDto): ReturnType<UnitPermissionService['list']> {
    return this.svc.list(user, q);
  }

  @Get('applications/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.UnitPermissionReview)
  export(@CurrentUser() user: AuthUser, @Query() q: UnitPermissionQueryDto, @Res() reply: FastifyReply): ReturnType<UnitPermissionService['export']> {
    return this.svc.export(user, q, reply);
  }

  @Post('applications/:id/review')
  @RequirePermission(Permission.UnitPermissionReview)
  review(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UnitPermissionReviewDto): ReturnType<UnitPermissionService['review']> {
    return this.svc.review(user, id, dto);
  }
}
