import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission, Role } from '@zhicheng/contracts';
import { CurrentUser, Public, RateLimit, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { clock } from '../../common/clock/clock.service.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { CertificateSigner } from './certificate-signer.js';
import { CertificateSealService } from './seal/certificate-seal.service.js';
import { CertificateGrantService } from './verification/grant.service.js';
import { CertificateService } from './certificate.service.js';
import {
  CertificateQueryDto, CreateIssueBatchDto, IssuableQueryDto, IssueBatchItemsQueryDto, IssueCertificatesDto, IssueDeclarationsDto, MinistryReportDto, PdfQueryDto,
  CreateGrantDto, ReconcileQueryDto, RevokeCertificateDto, VerifyCertificateDto, VerifyGrantDto, VerifyOfdDto, VerifyQrDto,
} from './dto/certificate.dto.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ExcelService } from '../../common/excel/excel.service.js';
import { CertificateBatchService } from './certificate-batch.service.js';
import { CERT_ISSUE_IMPORT_KIND } from './certificate-issue-import.js';
import { MinistryReportService } from './ministry-report.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { OFD, PDF, XLSX } from '../../openapi/media.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('证书') });
const isDownload = (q: PdfQueryDto): boolean => q.download === '1' || q.download === 'true';

@Controller()
export class CertificateController {
  constructor(
    private readonly certs: CertificateService,
    private readonly issuer: CertificateIssuer,
    private readonly signer: CertificateSigner,
    private readonly access: AccessService,
    private readonly batches: CertificateBatchService,
    private readonly ministry: MinistryReportService,
    private readonly excel: ExcelService,
    private readonly sealer: CertificateSealService,
    private readonly grants: CertificateGrantService,
  ) {}

  // ---------- issuance batches ----------

  /** Filed declarations whose review passed (the issuing screen's list; its total is the count to confirm). */
  @Get('certificates/issuable-declarations')
  @RequirePermission(Permission.CertificateManage)
  issuable(@CurrentUser() user: AuthUser, @Query() q: IssuableQueryDto): ReturnType<CertificateBatchService['listIssuable']> {
    return this.batches.listIssuable(user, q);
  }

  /** Starts an issuance batch (by selection, filing document number, query condition or Excel import). */
  @Post('certificates/issue-batches')
  @RequirePermission(Permission.CertificateManage)
  async createBatch(@CurrentUser() user: AuthUser, @Body() dto: CreateIssueBatchDto): Promise<Awaited<ReturnType<CertificateBatchService['create']>>> {
    return this.batches.create(user, dto);
  }

  @Get('certificates/issue-batches')
  @RequirePermission(Permission.CertificateManage)
  listBatches(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): ReturnType<CertificateBatchService['list']> {
    return this.batches.list(user, q);
  }

  /** Progress: total, done, issued, existing, failed, status. */
  @Get('certificates/issue-batches/:id')
  @RequirePermission(Permission.CertificateManage)
  async batch(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<Awaited<ReturnType<CertificateBatchService['toDto']>>> {
    return this.batches.toDto(await this.batches.get(user, id));
  }

  @Get('certificates/issue-batches/:id/items')
  @RequirePermission(Permission.CertificateManage)
  batchItems(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: IssueBatchItemsQueryDto): ReturnType<CertificateBatchService['items']> {
    return this.batches.items(user, id, q);
  }

  @Get('certificates/issue-batches/:id/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.CertificateManage)
  batchExport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() reply: FastifyReply): ReturnType<CertificateBatchService['exportItems']> {
    return this.batches.exportItems(user, id, reply);
  }

  /** A-17 批量导入: template, upload with row-by-row validation, failed rows. */
  @Get('certificates/issue-import/template')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.CertificateManage)
  importTemplate(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): ReturnType<ExcelService['sendTemplate']> {
    this.batches.assertOffice(user);
    return this.excel.sendTemplate(reply, CERT_ISSUE_IMPORT_KIND);
  }

  @Post('certificates/issue-import')
  @RequirePermission(Permission.CertificateManage)
  async importUpload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<Awaited<ReturnType<ExcelService['preview']>>> {
    this.batches.assertOffice(user);
    const { file, cleanup } = await this.excel.receiveUpload(req);
    try {
      return await this.excel.preview(CERT_ISSUE_IMPORT_KIND, file, user);
    } finally {
      await cleanup();
    }
  }

  @Get('certificates/issue-import/:jobId/failures')
  @RequirePermission(Permission.CertificateManage)
  importFailures(@CurrentUser() user: AuthUser, @Param('jobId', new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('导入记录') })) jobId: string, @Query() q: PageQueryDto): ReturnType<ExcelService['rows']> {
    this.batches.assertOffice(user);
    return this.excel.rows(jobId, user, { page: q.page, pageSize: q.pageSize, ok: false });
  }

  // ---------- A-14 ministry report ----------

  @Get('certificates/ministry-report/summary')
  @RequirePermission(Permission.CertificateManage)
  reportSummary(@CurrentUser() user: AuthUser): ReturnType<MinistryReportService['summary']> {
    return this.ministry.summary(user);
  }

  /** 批量上报 (certificateIds) or 全部上报 (all: true, every unreported certificate in scope). */
  @Post('certificates/ministry-report')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  report(@CurrentUser() user: AuthUser, @Body() dto: MinistryReportDto): ReturnType<MinistryReportService['report']> {
    return this.ministry.report(user, dto);
  }

  @Post('certificates/ministry-report/retry')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  retryReport(@CurrentUser() user: AuthUser, @Body() dto: MinistryReportDto): ReturnType<MinistryReportService['retry']> {
    return this.ministry.retry(user, dto);
  }

  /** A-14 daily reconciliation: issued/revoked on a day vs what reached the ministry; mismatches listed. */
  @Get('certificates/ministry-report/reconciliation')
  @RequirePermission(Permission.CertificateManage)
  reconcile(@CurrentUser() user: AuthUser, @Query() q: ReconcileQueryDto): ReturnType<CertificateService['reconcileMinistryReport']> {
    return this.certs.reconcileMinistryReport(user, q.date ?? clock.today());
  }

  @Get('certificates/ministry-report/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.CertificateManage)
  reportExport(@CurrentUser() user: AuthUser, @Query() q: CertificateQueryDto, @Res() reply: FastifyReply): ReturnType<CertificateService['exportMinistryReport']> {
    return this.certs.exportMinistryReport(user, q, reply);
  }

  /** A-16 / C-12: certificates in scope with filters. */
  @Get('certificates')
  @RequirePermission(Permission.CertificateManage)
  list(@CurrentUser() user: AuthUser, @Query() q: CertificateQueryDto): ReturnType<CertificateService['list']> {
    return this.certs.list(user, q);
  }

  @Get('certificates/export')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.CertificateManage)
  export(@CurrentUser() user: AuthUser, @Query() q: CertificateQueryDto, @Res() reply: FastifyReply): ReturnType<CertificateService['export']> {
    return this.certs.export(user, q, reply);
  }

  /** issue certificates for the given people (idempotent per issueKey). */
  @Post('certificates/issue')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  async issue(@CurrentUser() user: AuthUser, @Body() dto: IssueCertificatesDto): Promise<Awaited<ReturnType<CertificateIssuer['issue']>>> {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以发证');
    for (const orgId of new Set(dto.items.map((i) => i.issuerOrgId))) await this.access.assertOrgInScope(user, orgId);
    return this.issuer.issue(user, dto.items.map((i) => ({ ...i, kind: 'review' as const })));
  }

  /** A-13 by selection of filed declarations (idempotent: one certificate per declaration). */
  @Post('certificates/issue-declarations')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  async issueDeclarations(@CurrentUser() user: AuthUser, @Body() dto: IssueDeclarationsDto): Promise<Awaited<ReturnType<CertificateIssuer['issueForDeclarations']>>> {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以发证');
    await this.access.assertOrgInScope(user, dto.issuerOrgId);
    return this.issuer.issueForDeclarations(user, dto.declarationIds, dto);
  }

  @Get('certificates/:id')
  @RequirePermission(Permission.CertificateManage)
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<Awaited<ReturnType<CertificateService['toDto']>>> {
    return this.certs.toDto(await this.certs.get(user, id));
  }

  @Get('certificates/:id/pdf')
  @ApiProduces(PDF)
  @RequirePermission(Permission.CertificateManage)
  async pdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: PdfQueryDto, @Res() reply: FastifyReply): ReturnType<CertificateService['sendPdf']> {
    return this.certs.sendPdf(await this.certs.get(user, id), isDownload(q), reply);
  }

  /** P-05: the sealed OFD e-certificate (the PDF is its rendition). */
  @Get('certificates/:id/ofd')
  @ApiProduces(OFD)
  @RequirePermission(Permission.CertificateManage)
  async ofd(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() reply: FastifyReply): Promise<Awaited<ReturnType<CertificateService['sendOfd']>>> {
    return this.certs.sendOfd(await this.certs.get(user, id), reply);
  }

  /** */
  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.CertificateManage)
  revoke(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RevokeCertificateDto): ReturnType<CertificateService['revoke']> {
    return this.certs.revoke(user, id, dto);
  }

  /** H-12 */
  @Get('me/certificates')
  @RequirePermission(Permission.Self)
  mine(@CurrentUser() user: AuthUser): ReturnType<CertificateService['listMine']> {
    return this.certs.listMine(user);
  }

  @Get('me/certificates/:id/pdf')
  @ApiProduces(PDF)
  @RequirePermission(Permission.Self)
  async myPdf(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: PdfQueryDto, @Res() reply: FastifyReply): ReturnType<CertificateService['sendPdf']> {
    return this.certs.sendPdf(await this.certs.getMine(user, id), isDownload(q), reply);
  }

  /** H-15: every verification of my certificates (time, channel, masked requester). */
  @Get('me/certificate-verifications')
  @RequirePermission(Permission.Self)
  myVerifications(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): ReturnType<CertificateGrantService['verifications']> {
    return this.grants.verifications(user, q.page, q.pageSize);
  }

  @Get('me/certificate-grants')
  @RequirePermission(Permission.Self)
  myGrants(@CurrentUser() user: AuthUser): ReturnType<CertificateGrantService['listGrants']> {
    return this.grants.listGrants(user);
  }

  @Post('me/certificates/:id/grants')
  @RequirePermission(Permission.Self)
  createGrant(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateGrantDto): ReturnType<CertificateGrantService['createGrant']> {
    return this.grants.createGrant(user, id, dto);
  }

  @Post('me/certificate-grants/:id/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  revokeGrant(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('核验授权') })) id: string): ReturnType<CertificateGrantService['revokeGrant']> {
    return this.grants.revokeGrant(user, id);
  }

  /** H-15: a third party verifies with the holder's grant code. */
  @Post('public/certificates/verify-grant')
  @HttpCode(200)
  @Public()
  @RateLimit('public')
  verifyGrant(@Body() dto: VerifyGrantDto): ReturnType<CertificateGrantService['verifyGrant']> {
    return this.grants.verifyGrant(dto.code);
  }

  @Get('me/certificates/:id/ofd')
  @ApiProduces(OFD)
  @RequirePermission(Permission.Self)
  async myOfd(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res() reply: FastifyReply): Promise<Awaited<ReturnType<CertificateService['sendOfd']>>> {
    return this.certs.sendOfd(await this.certs.getMine(user, id), reply);
  }

  /** P-05: checks an OFD file (base64) — seal, digests, SM2 signature — and adds the live status. */
  @Post('public/certificates/verify-ofd')
  @HttpCode(200)
  @Public()
  @RateLimit('public')
  verifyOfd(@Body() dto: VerifyOfdDto): ReturnType<CertificateService['verifyOfdFile']> {
    const bytes = Buffer.from(dto.ofd, 'base64');
    if (!bytes.length) throw AppException.validation({ ofd: '请上传 OFD 文件' });
    return this.certs.verifyOfdFile(bytes);
  }

  /** P-05: checks the QR text's SM2 signature and adds the live status. */
  @Post('public/certificates/verify-qr')
  @HttpCode(200)
  @Public()
  @RateLimit('public')
  verifyQr(@Body() dto: VerifyQrDto): ReturnType<CertificateService['verifyQrText']> {
    return this.certs.verifyQrText(dto.text);
  }

  /** P-01 */
  @Post('public/certificates/verify')
  @HttpCode(200)
  @Public()
  @RateLimit('public')
  verify(@Body() dto: VerifyCertificateDto): ReturnType<CertificateService['verify']> {
    return this.certs.verify(dto);
  }

  @Get('public/certificates/verify/:code')
  @Public()
  @RateLimit('public')
  verifyByCode(@Param('code') code: string): ReturnType<CertificateService['verifyByCode']> {
    return this.certs.verifyByCode(code);
  }

  /** P-05: the signed list of revoked certificate numbers, for verifiers that work offline (cache it with the keys). */
  @Get('public/certificates/revocations')
  @Public()
  @RateLimit('public')
  revocations(): ReturnType<CertificateService['revocationList']> {
    return this.certs.revocationList();
  }

  @Get('public/certificates/public-key')
  @Public()
  publicKey(): { algorithm: string; publicKeyPem: string; payloadVersion: number; sm2: ReturnType<CertificateSealService['publishedKeys']> } {
    // Ed25519: the row signature of every certificate (and the only one of certificates issued before P-05);
    // SM2: the seal and QR keys, current first, then the rotated ones that still verify older certificates.
    return { algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem, payloadVersion: 1, sm2: this.sealer.publishedKeys() };
  }
}
