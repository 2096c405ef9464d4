import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, Public, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import {
  BatchDtoIn,
  BatchQueryDto,
  CreateProfessionDto,
  CreateTitleDto,
  OpenBatchQueryDto,
  ProfessionQueryDto,
  PutTemplateDto,
  RegionQueryDto,
  TitleQueryDto,
  UpdateBatchDto,
  UpdateProfessionDto,
  UpdateTitleDto,
} from './dto/reference.dto.js';
import { ReferenceService } from './reference.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

/** Regions (public: unit registration needs the picker), professions, titles, batches and templates. */
@Controller()
export class ReferenceController {
  constructor(private readonly ref: ReferenceService) {}

  @Get('regions')
  @Public()
  regions(@Query() q: RegionQueryDto): ReturnType<ReferenceService['regions']> {
    return this.ref.regions(q);
  }

  @Get('regions/:code/path')
  @Public()
  regionPath(@Param('code') code: string): ReturnType<ReferenceService['regionPath']> {
    return this.ref.regionPath(code);
  }

  @Get('professions')
  @RequirePermission(Permission.ReferenceRead)
  professions(@Query() q: ProfessionQueryDto): ReturnType<ReferenceService['professions']> {
    return this.ref.professions(q);
  }

  @Get('professions/tree')
  @RequirePermission(Permission.ReferenceRead)
  professionTree(): ReturnType<ReferenceService['professionTree']> {
    return this.ref.professionTree();
  }

  @Post('professions')
  @RequirePermission(Permission.ReferenceManage)
  createProfession(@CurrentUser() user: AuthUser, @Body() dto: CreateProfessionDto): ReturnType<ReferenceService['createProfession']> {
    return this.ref.createProfession(user, dto);
  }

  @Patch('professions/:id')
  @RequirePermission(Permission.ReferenceManage)
  updateProfession(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProfessionDto): ReturnType<ReferenceService['updateProfession']> {
    return this.ref.updateProfession(user, id, dto);
  }

  @Delete('professions/:id')
  @HttpCode(204)
  @RequirePermission(Permission.ReferenceManage)
  deleteProfession(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<ReferenceService['deleteProfession']> {
    return this.ref.deleteProfession(user, id);
  }

  @Get('title-series')
  @RequirePermission(Permission.ReferenceRead)
  series(): ReturnType<ReferenceService['series']> {
    return this.ref.series();
  }

  @Get('titles')
  @RequirePermission(Permission.ReferenceRead)
  titles(@Query() q: TitleQueryDto): ReturnType<ReferenceService['titles']> {
    return this.ref.titles(q);
  }

  @Post('titles')
  @RequirePermission(Permission.ReferenceManage)
  createTitle(@CurrentUser() user: AuthUser, @Body() dto: CreateTitleDto): ReturnType<ReferenceService['createTitle']> {
    return this.ref.createTitle(user, dto);
  }

  @Patch('titles/:id')
  @RequirePermission(Permission.ReferenceManage)
  updateTitle(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTitleDto): ReturnType<ReferenceService['updateTitle']> {
    return this.ref.updateTitle(user, id, dto);
  }

  @Delete('titles/:id')
  @HttpCode(204)
  @RequirePermission(Permission.ReferenceManage)
  deleteTitle(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<ReferenceService['deleteTitle']> {
    return this.ref.deleteTitle(user, id);
  }

  /** Scoped: title offices see their region's batches, a committee or acceptance operator its own organisation's. */
  @Get('batches')
  @RequirePermission(Permission.ReferenceRead)
  batches(@CurrentUser() user: AuthUser, @Query() q: BatchQueryDto): ReturnType<ReferenceService['listBatches']> {
    return this.ref.listBatches(user, q);
  }

  @Get('batches/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.ReferenceRead)
  exportBatches(@CurrentUser() user: AuthUser, @Query() q: BatchQueryDto, @Res() reply: FastifyReply): ReturnType<ReferenceService['exportBatches']> {
    return this.ref.exportBatches(user, q, reply);
  }

  @Get('batches/open')
  @RequirePermission(Permission.ReferenceRead)
  openBatches(@Query() q: OpenBatchQueryDto): ReturnType<ReferenceService['openBatches']> {
    return this.ref.openBatches(q);
  }

  @Get('batches/:id')
  @RequirePermission(Permission.ReferenceRead)
  batch(@Param('id', ParseUUIDPipe) id: string): ReturnType<ReferenceService['getBatch']> {
    return this.ref.getBatch(id);
  }

  @Post('batches')
  @RequirePermission(Permission.ReferenceManage)
  createBatch(@CurrentUser() user: AuthUser, @Body() dto: BatchDtoIn): ReturnType<ReferenceService['createBatch']> {
    return this.ref.createBatch(user, dto);
  }

  @Put('batches/:id')
  @RequirePermission(Permission.ReferenceManage)
  updateBatch(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateBatchDto): ReturnType<ReferenceService['updateBatch']> {
    return this.ref.updateBatch(user, id, dto);
  }

  @Get('batches/:id/template')
  @RequirePermission(Permission.ReferenceRead)
  template(@Param('id', ParseUUIDPipe) id: string): ReturnType<ReferenceService['templateFor']> {
    return this.ref.templateFor(id);
  }

  @Put('batches/:id/template')
  @RequirePermission(Permission.ReferenceManage)
  putTemplate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PutTemplateDto): ReturnType<ReferenceService['putTemplate']> {
    return this.ref.putTemplate(user, id, dto);
  }
}
