import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { CertificateApplicationService } from './certificate-application.service.js';
import { CertificateApplicationQueryDto, CreateCertificateApplicationDto, ReviewCertificateApplicationDto } from './dto/certificate-application.dto.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('申请') });

/** H-10 / H-11 applications and their audit. */
@Controller()
export class CertificateApplicationController {
  constructor(private readonly apps: CertificateApplicationService) {}

  @Post('me/certificate-applications')
  @RequirePermission(Permission.Declare)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCertificateApplicationDto): ReturnType<CertificateApplicationService['create']> {
    return this.apps.create(user, dto);
  }

  @Get('me/certificate-applications')
  @RequirePermission(Permission.Declare)
  mine(@CurrentUser() user: AuthUser): ReturnType<CertificateApplicationService['listMine']> {
    return this.apps.listMine(user);
  }

  /** The issuers an applicant may address (picker). */
  @Get('certificate-issuers')
  @RequirePermission(Permission.Self)
  issuers(): ReturnType<CertificateApplicationService['issuers']> {
    return this.apps.issuers();
  }

  @Get('certificate-applications')
  @RequirePermission(Permission.CertificateManage)
  list(@CurrentUser() user: AuthUser, @Query() q: CertificateApplicationQueryDto): ReturnType<CertificateApplicationService['list']> {
    return this.apps.list(user, q);
  }

  @Post('certificate-applications/:id/review')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  review(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReviewCertificateApplicationDto): ReturnType<CertificateApplicationService['review']> {
    return this.apps.review(user, id, dto);
  }
}
