import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { BlacklistService } from './blacklist.service.js';
import { BlacklistQueryDto, CreateBlacklistDto, LiftBlacklistDto, UpdateBlacklistDto } from './dto/blacklist.dto.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('黑名单记录') });

@Controller('blacklist')
export class BlacklistController {
  constructor(private readonly blacklist: BlacklistService) {}

  @Get()
  @RequirePermission(Permission.BlacklistRead)
  list(@CurrentUser() user: AuthUser, @Query() q: BlacklistQueryDto): ReturnType<BlacklistService['list']> {
    return this.blacklist.list(user, q);
  }

  @Get('export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.BlacklistRead)
  export(@CurrentUser() user: AuthUser, @Query() q: BlacklistQueryDto, @Res() reply: FastifyReply): ReturnType<BlacklistService['export']> {
    return this.blacklist.export(user, q, reply);
  }

  @Post()
  @RequirePermission(Permission.BlacklistManage)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateBlacklistDto): ReturnType<BlacklistService['create']> {
    return this.blacklist.create(user, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.BlacklistRead)
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<BlacklistService['get']> {
    return this.blacklist.get(user, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.BlacklistManage)
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateBlacklistDto): ReturnType<BlacklistService['update']> {
    return this.blacklist.update(user, id, dto);
  }

  @Post(':id/lift')
  @RequirePermission(Permission.BlacklistManage)
  lift(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: LiftBlacklistDto): ReturnType<BlacklistService['lift']> {
    return this.blacklist.lift(user, id, dto);
  }
}
