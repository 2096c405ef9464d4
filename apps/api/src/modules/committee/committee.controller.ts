import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CommitteeDeregisterDto, CommitteeDtoIn, CommitteeMatchDto, CommitteeQueryDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { CommitteeService } from './committee.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

@Controller('committees')
export class CommitteeController {
  constructor(private readonly svc: CommitteeService) {}

  @Get()
  @RequirePermission(Permission.OrgRead)
  list(@CurrentUser() user: AuthUser, @Query() q: CommitteeQueryDto): ReturnType<CommitteeService['list']> {
    return this.svc.list(user, q);
  }

  @Get('match')
  @RequirePermission(Permission.ReferenceRead)
  match(@Query() q: CommitteeMatchDto): ReturnType<CommitteeService['match']> {
    return this.svc.match(q);
  }

  @Get('export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.ReferenceManage)
  export(@CurrentUser() user: AuthUser, @Query() q: CommitteeQueryDto, @Res() reply: FastifyReply): ReturnType<CommitteeService['export']> {
    return this.svc.export(user, q, reply);
  }

  @Get(':id')
  @RequirePermission(Permission.OrgRead)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<CommitteeService['get']> {
    return this.svc.get(user, id);
  }

  @Post()
  @RequirePermission(Permission.ReferenceManage)
  create(@CurrentUser() user: AuthUser, @Body() dto: CommitteeDtoIn): ReturnType<CommitteeService['create']> {
    return this.svc.create(user, dto);
  }

  @Put(':id')
  @RequirePermission(Permission.ReferenceManage)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCommitteeDto): ReturnType<CommitteeService['update']> {
    return this.svc.update(user, id, dto);
  }

  @Post(':id/deregister')
  @RequirePermission(Permission.ReferenceManage)
  deregister(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CommitteeDeregisterDto): ReturnType<CommitteeService['deregister']> {
    return this.svc.deregister(user, id, dto);
  }
}
