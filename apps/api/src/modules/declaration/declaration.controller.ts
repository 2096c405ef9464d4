import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { DeclarationFormsService } from './declaration-forms.service.js';
import { DeclarationService } from './declaration.service.js';
import {
  CancelDto,
  DeclarationListQueryDto,
  FORM_KINDS,
  OpenBatchesDto,
  OrgPickerDto,
  SaveModuleDto,
  StartDeclarationDto,
  VersionDto,
  type FormKind,
} from './dto/declaration.dto.js';
import { ApiProduces } from '@nestjs/swagger';
import { PDF } from '../../openapi/media.js';

const idPipe = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('申报') });

/** H-03..H-09: the applicant's declarations (routes: packages/contracts/src/declaration.ts). */
@Controller('declarations')
export class DeclarationController {
  constructor(
    private readonly svc: DeclarationService,
    private readonly forms: DeclarationFormsService,
  ) {}

  @Get('options')
  @RequirePermission(Permission.Declare)
  options(): ReturnType<DeclarationService['options']> {
    return this.svc.options();
  }

  @Get('batches/open')
  @RequirePermission(Permission.Declare)
  openBatches(@Query() q: OpenBatchesDto): ReturnType<DeclarationService['openBatches']> {
    return this.svc.openBatches(q.kind);
  }

  /** Fuzzy pickers for the unit and the supervising department (applicants have no organisation scope). */
  @Get('pickers/orgs')
  @RequirePermission(Permission.Declare)
  orgPicker(@Query() q: OrgPickerDto): ReturnType<DeclarationService['orgPicker']> {
    return this.svc.orgPicker(q);
  }

  @Post('education/fetch')
  @HttpCode(200)
  @RequirePermission(Permission.Declare)
  fetchEducation(@CurrentUser() user: AuthUser): ReturnType<DeclarationService['fetchEducation']> {
    return this.svc.fetchEducation(user);
  }

  @Post()
  @RequirePermission(Permission.Declare)
  start(@CurrentUser() user: AuthUser, @Body() dto: StartDeclarationDto): ReturnType<DeclarationService['start']> {
    return this.svc.start(user, dto);
  }

  @Get()
  @RequirePermission(Permission.Declare)
  list(@CurrentUser() user: AuthUser, @Query() q: DeclarationListQueryDto): ReturnType<DeclarationService['list']> {
    return this.svc.list(user, q);
  }

  @Get(':id')
  @RequirePermission(Permission.Declare)
  detail(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string): ReturnType<DeclarationService['detail']> {
    return this.svc.detail(user, id);
  }

  @Put(':id/modules/:key')
  @RequirePermission(Permission.Declare)
  save(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Param('key') key: string, @Body() dto: SaveModuleDto): ReturnType<DeclarationService['saveModule']> {
    return this.svc.saveModule(user, id, key, dto.value, dto.version);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.Declare)
  submit(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: VersionDto): ReturnType<DeclarationService['submit']> {
    return this.svc.submit(user, id, dto.version);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @RequirePermission(Permission.Declare)
  resubmit(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: VersionDto): ReturnType<DeclarationService['resubmit']> {
    return this.svc.resubmit(user, id, dto.version);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.Declare)
  cancel(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Body() dto: CancelDto): ReturnType<DeclarationService['cancel']> {
    return this.svc.cancel(user, id, dto.version, dto.reason);
  }

  @Get(':id/path-preview')
  @RequirePermission(Permission.Declare)
  pathPreview(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string): ReturnType<DeclarationService['pathPreview']> {
    return this.svc.pathPreview(user, id);
  }

  @Get(':id/timeline')
  @RequirePermission(Permission.Declare)
  timeline(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string): ReturnType<DeclarationService['timeline']> {
    return this.svc.timeline(user, id);
  }

  @Get(':id/forms/:form')
  @ApiProduces(PDF)
  @RequirePermission(Permission.Declare)
  async form(@CurrentUser() user: AuthUser, @Param('id', idPipe) id: string, @Param('form') form: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!(FORM_KINDS as readonly string[]).includes(form)) throw AppException.notFound('表格');
    const { data, name } = await this.forms.render(user, id, form as FormKind);
    return reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(data);
  }
}
