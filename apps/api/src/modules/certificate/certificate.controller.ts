import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission, Role } from '@zhicheng/contracts';
import { CurrentUser, Public, RateLimit, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { CertificateSigner } from './certificate-signer.js';
import { CertificateService } from './certificate.service.js';
import { CertificateQueryDto, IssueCertificatesDto, IssueDeclarationsDto, PdfQueryDto, RevokeCertificateDto, VerifyCertificateDto } from './dto/certificate.dto.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('证书') });
const isDownload = (q: PdfQueryDto) => q.download === '1' || q.download === 'true';

@Controller()
export class CertificateController {
  constructor(
    private readonly certs: CertificateService,
    private readonly issuer: CertificateIssuer,
    private readonly signer: CertificateSigner,
    private readonly access: AccessService,
  ) {}

  /** A-16 / C-12: certificates in scope with filters. */
  @Get('certificates')
  @RequirePermission(Permission.CertificateManage)
  list(@CurrentUser() user: AuthUser, @Query() q: CertificateQueryDto) {
    return this.certs.list(user, q);
  }

  @Get('certificates/export')
  @RequirePermission(Permission.CertificateManage)
  export(@CurrentUser() user: AuthUser, @Query() q: CertificateQueryDto, @Res() reply: FastifyReply) {
    return this.certs.export(user, q, reply);
  }

  /** issue certificates for the given people (idempotent per issueKey). */
  @Post('certificates/issue')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  async issue(@CurrentUser() user: AuthUser, @Body() dto: IssueCertificatesDto) {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以发证');
    for (const orgId of new Set(dto.items.map((i) => i.issuerOrgId))) await this.access.assertOrgInScope(user, orgId);
    return this.issuer.issue(user, dto.items.map((i) => ({ ...i, kind: 'review' as const })));
  }

  /** A-13 by selection of filed declarations (idempotent: one certificate per declaration). */
  @Post('certificates/issue-declarations')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  async issueDeclarations(@CurrentUser() user: AuthUser, @Body() dto: IssueDeclarationsDto) {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以发证');
    await this.access.assertOrgInScope(user, dto.issuerOrgId);
    return this.issuer.issueForDeclarations(user, dto.declarationIds, dto);
  }

  @Get('certificates/:id')
  @RequirePermission(Permission.CertificateManage)
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.certs.toDto(await this.certs.get(user, id));
  }

  @Get('certificates/:id/pdf')
  @RequirePermission(Permission.CertificateManage)
  async pdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: PdfQueryDto, @Res() reply: FastifyReply) {
    return this.certs.sendPdf(await this.certs.get(user, id), isDownload(q), reply);
  }

  /** */
  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  revoke(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RevokeCertificateDto) {
    return this.certs.revoke(user, id, dto);
  }

  /** H-12 */
  @Get('me/certificates')
  @RequirePermission(Permission.Self)
  mine(@CurrentUser() user: AuthUser) {
    return this.certs.listMine(user);
  }

  @Get('me/certificates/:id/pdf')
  @RequirePermission(Permission.Self)
  async myPdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: PdfQueryDto, @Res() reply: FastifyReply) {
    return this.certs.sendPdf(await this.certs.getMine(user, id), isDownload(q), reply);
  }

  /** P-01 */
  @Post('public/certificates/verify')
  @HttpCode(200)
  @Public()
  @RateLimit('public')
  verify(@Body() dto: VerifyCertificateDto) {
    return this.certs.verify(dto);
  }

  @Get('public/certificates/verify/:code')
  @Public()
  @RateLimit('public')
  verifyByCode(@Param('code') code: string) {
    return this.certs.verifyByCode(code);
  }

  @Get('public/certificates/public-key')
  @Public()
  publicKey() {
    return { algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem, payloadVersion: 1 };
  }
}
