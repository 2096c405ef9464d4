import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PageQueryDto } from '../pagination/page-query.dto.js';
import { ExcelService } from './excel.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

class ImportRowsQueryDto extends PageQueryDto {
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'ok 应为 true 或 false' })
  ok?: boolean;
}

/** template download, upload with row-by-row preview, and commit, for every registered import kind. */
@Controller('imports')
export class ImportsController {
  constructor(private readonly excel: ExcelService) {}

  @Get()
  @RequirePermission(Permission.OrgManage)
  kinds(): ReturnType<ExcelService['kinds']> {
    return this.excel.kinds();
  }

  @Get(':kind/template')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.OrgManage)
  template(@Param('kind') kind: string, @Res() reply: FastifyReply): ReturnType<ExcelService['sendTemplate']> {
    return this.excel.sendTemplate(reply, kind);
  }

  @Post(':kind')
  @RequirePermission(Permission.OrgManage)
  async upload(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Req() req: FastifyRequest): Promise<Awaited<ReturnType<ExcelService['preview']>>> {
    this.excel.importer(kind);
    const { file, cleanup } = await this.excel.receiveUpload(req);
    try {
      return await this.excel.preview(kind, file, user);
    } finally {
      await cleanup();
    }
  }

  @Get('jobs/:id')
  @RequirePermission(Permission.OrgManage)
  job(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<ExcelService['job']> {
    return this.excel.job(id, user);
  }

  @Get('jobs/:id/rows')
  @RequirePermission(Permission.OrgManage)
  rows(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() q: ImportRowsQueryDto): ReturnType<ExcelService['rows']> {
    return this.excel.rows(id, user, q);
  }

  @Post('jobs/:id/commit')
  @RequirePermission(Permission.OrgManage)
  commit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<ExcelService['commit']> {
    return this.excel.commit(id, user);
  }
}
