import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  CERTIFICATE_APPLICATION_KIND_LABELS, documentSlotsOf, REISSUE_BUSINESS_TYPE_LABELS, REISSUE_DECLARE_TYPE_LABELS, Role, validateApplicationDocuments,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { StoredFile } from '../files/entities/stored-file.entity.js';
import { FileAccessRegistry } from '../files/file-access.registry.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { CertificateApplication } from './entities/certificate-application.entity.js';
import { Certificate } from './entities/certificate.entity.js';
import type { CertificateApplicationQueryDto, CreateCertificateApplicationDto, ReviewCertificateApplicationDto } from './dto/certificate-application.dto.js';

const FILE_PURPOSE = 'certificate-application';

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.code === '23505' || err?.driverError?.code === '23505';
}

/** H-10 historical registration and H-11 reissue/replacement, audited by the title office. */
@Injectable()
export class CertificateApplicationService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly crypto: CryptoService,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly issuer: CertificateIssuer,
    private readonly fileAccess: FileAccessRegistry,
  ) {}

  onModuleInit() {
    // The auditing office may read the proof files of applications addressed to an issuer in its scope.
    this.fileAccess.register(FILE_PURPOSE, async (user, file) => {
      if (user.role !== Role.OfficeAdmin) return false;
      const rows: { issuer_org_id: string }[] = await this.ds.query(
        'SELECT issuer_org_id FROM certificate_applications WHERE $1 = ANY(file_ids) LIMIT 5',
        [file.id],
      );
      for (const r of rows) {
        try {
          await this.access.assertOrgInScope(user, r.issuer_org_id);
          return true;
        } catch {
          /* next */
        }
      }
      return false;
    });
  }

  toDto(a: CertificateApplication) {
    return {
      id: a.id, kind: a.kind, kindLabel: CERTIFICATE_APPLICATION_KIND_LABELS[a.kind], holderName: a.holderName,
      titleName: a.titleName, seriesCode: a.seriesCode, professionName: a.professionName, titleLevel: a.titleLevel,
      qualificationDate: a.qualificationDate, approvalDocNo: a.approvalDocNo, committeeName: a.committeeName,
      originalCertificateNo: a.originalCertificateNo, sourceCertificateId: a.sourceCertificateId,
      declareType: a.declareType, declareTypeLabel: a.declareType ? REISSUE_DECLARE_TYPE_LABELS[a.declareType] : null,
      businessType: a.businessType, businessTypeLabel: a.businessType ? REISSUE_BUSINESS_TYPE_LABELS[a.businessType] : a.reason,
      regionCode: a.regionCode, issuerOrgId: a.issuerOrgId, reason: a.reason, fileIds: a.fileIds,
      documents: documentSlotsOf(a.kind).filter((s) => a.documents?.[s.key]).map((s) => ({ slot: s.key, label: s.label, fileId: a.documents[s.key]! })),
      status: a.status, reviewComment: a.reviewComment, reviewedAt: a.reviewedAt?.toISOString() ?? null,
      certificateId: a.certificateId, createdAt: a.createdAt.toISOString(), version: a.version,
    };
  }

  /**
   * H-10 / H-11. A reissue starts from one of the caller's own valid certificates (an e-certificate or an approved
   * historical record) with no other reissue pending; its title data are the certificate's. Both kinds need their
   * named documents, one PDF of the caller's per slot, never the same file (content hash) in two slots.
   */
  async create(user: AuthUser, dto: CreateCertificateApplicationDto) {
    return this.ds.transaction(async (m) => {
      const u = await m.getRepository(User).findOne({ where: { id: user.id } });
      if (!u?.idCardHash) throw AppException.conflict('请先在个人信息中完善身份证号');
      const issuer: { region_code: string }[] = await m.query(
        'SELECT o.region_code FROM issuers i JOIN organisations o ON o.id = i.organisation_id WHERE i.organisation_id = $1',
        [dto.issuerOrgId],
      );
      if (!issuer.length) throw AppException.validation({ issuerOrgId: '申报点不存在，请重新选择' });
      if (issuer[0]!.region_code !== dto.regionCode) throw AppException.validation({ issuerOrgId: '申报点不属于所选行政区划' });
      const docs = dto.documents ?? {};
      const ids = [...new Set(Object.values(docs).filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v)))];
      const files = ids.length ? await m.getRepository(StoredFile).find({ where: { id: In(ids) } }) : [];
      const byId = new Map(files.map((f) => [f.id, f]));
      const errors = validateApplicationDocuments(dto.kind, docs, (id) => byId.get(id)?.sha256);
      for (const slot of documentSlotsOf(dto.kind)) {
        const id = docs[slot.key];
        if (!id || errors[`documents.${slot.key}`]) continue;
        const f = byId.get(id);
        if (!f || f.ownerUserId !== user.id) errors[`documents.${slot.key}`] = `${slot.label}文件不存在，请重新上传`;
        else if (f.mimeType !== 'application/pdf') errors[`documents.${slot.key}`] = `${slot.label}应为PDF文件`;
      }
      if (Object.keys(errors).length) throw AppException.validation(errors);
      const title = dto.kind === 'reissue' ? await this.sourceOf(m, user, u.idCardHash, dto.sourceCertificateId!) : await this.historicalTitle(m, dto);
      await m.getRepository(StoredFile).update({ id: In(ids) }, { locked: true });
      let a: CertificateApplication;
      try {
        a = await m.getRepository(CertificateApplication).save({
          kind: dto.kind, applicantUserId: user.id, holderName: u.realName, ...title,
          declareType: dto.kind === 'reissue' ? dto.declareType! : null, businessType: dto.kind === 'reissue' ? dto.businessType! : null,
          regionCode: dto.regionCode, issuerOrgId: dto.issuerOrgId, reason: null, fileIds: ids,
          documents: Object.fromEntries(documentSlotsOf(dto.kind).filter((s) => docs[s.key]).map((s) => [s.key, docs[s.key]!])),
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw AppException.conflict('该证书已有待审核的补办/换发申请，请等待审核结果');
        throw e;
      }
      await this.audit.record({ actor: user, action: `certificate-application.submit`, targetType: 'certificate-application', targetId: a.id, after: { kind: a.kind, titleName: a.titleName, sourceCertificateId: a.sourceCertificateId } }, m);
      return this.toDto(a);
    });
  }

  /** H-10: the old certificate's data as entered; the series must be one of the catalogue's. */
  private async historicalTitle(m: EntityManager, dto: CreateCertificateApplicationDto) {
    const series = await m.query('SELECT 1 FROM title_series WHERE code = $1', [dto.seriesCode]);
    if (!series.length) throw AppException.validation({ seriesCode: '请选择系列' });
    return {
      seriesCode: dto.seriesCode!, titleName: dto.titleName!.trim(), titleLevel: dto.titleLevel!, professionName: dto.professionName!.trim(),
      qualificationDate: dto.qualificationDate!, approvalDocNo: dto.approvalDocNo!.trim(), committeeName: dto.committeeName!.trim(),
      originalCertificateNo: dto.certificateNo!.trim(), sourceCertificateId: null,
    };
  }

  /** H-11: the caller's own valid certificate with no reissue pending; the application carries its title data. */
  private async sourceOf(m: EntityManager, user: AuthUser, idCardHash: string, id: string) {
    const c = await m.getRepository(Certificate).findOne({ where: { id } });
    if (!c || (c.holderUserId !== user.id && c.holderIdCardHash !== idCardHash)) {
      throw AppException.validation({ sourceCertificateId: '未查询到您名下的该证书，请先在“历史职称数据登记”中登记' });
    }
    if (c.status !== 'valid') throw AppException.validation({ sourceCertificateId: '该证书已撤销或作废，不能补办/换发' });
    const pending = await m.getRepository(CertificateApplication).count({ where: { sourceCertificateId: c.id, status: 'submitted' } });
    if (pending) throw AppException.conflict('该证书已有待审核的补办/换发申请，请等待审核结果');
    return {
      seriesCode: c.seriesCode, titleName: c.titleName, titleLevel: c.titleLevel, professionName: c.professionName,
      qualificationDate: c.qualificationDate, approvalDocNo: c.approvalDocNo, committeeName: c.committeeName,
      originalCertificateNo: c.certificateNo, sourceCertificateId: c.id,
    };
  }

  /** The 申报点 an applicant may address, each with its region (所属行政区划 → 申报点 picker). */
  async issuers() {
    const rows: { id: string; name: string; code: string; region_code: string; region_name: string | null }[] = await this.ds.query(
      `SELECT o.id, o.name, i.issuer_code AS code, o.region_code, r.name AS region_name
         FROM issuers i JOIN organisations o ON o.id = i.organisation_id LEFT JOIN regions r ON r.code = o.region_code
        ORDER BY o.region_code, i.issuer_code`,
    );
    return { items: rows.map((r) => ({ id: r.id, name: r.name, issuerCode: r.code, regionCode: r.region_code, regionName: r.region_name ?? r.region_code })) };
  }

  async listMine(user: AuthUser) {
    const rows = await this.ds.getRepository(CertificateApplication).find({ where: { applicantUserId: user.id }, order: { createdAt: 'DESC' } });
    return { items: rows.map((a) => this.toDto(a)) };
  }

  async list(actor: AuthUser, q: CertificateApplicationQueryDto) {
    const qb = this.ds.getRepository(CertificateApplication).createQueryBuilder('a').leftJoin('organisations', 'io', 'io.id = a.issuer_org_id');
    this.access.scopeQuery(qb, actor, { orgId: 'a.issuer_org_id', regionCode: 'io.region_code' });
    if (q.status) qb.andWhere('a.status = :s', { s: q.status });
    if (q.kind) qb.andWhere('a.kind = :k', { k: q.kind });
    const [rows, total] = await qb.orderBy('a.created_at', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('a.id').skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return { items: rows.map((a) => this.toDto(a)), total, page: q.page, pageSize: q.pageSize };
  }

  /** approve (creates the certificate, idempotently) or reject with a comment. */
  async review(actor: AuthUser, id: string, dto: ReviewCertificateApplicationDto) {
    if (actor.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以审核');
    const a = await this.ds.getRepository(CertificateApplication).findOne({ where: { id } });
    if (!a) throw AppException.notFound('申请');
    await this.access.assertOrgInScope(actor, a.issuerOrgId);
    if (a.version !== dto.version) throw AppException.conflict('申请已被他人处理，请刷新后重试');
    if (a.status !== 'submitted') throw AppException.conflict('该申请已审核');
    if (dto.decision === 'reject' && !dto.comment?.trim()) throw AppException.validation({ comment: '退回时请填写审核意见' });
    let certificateId: string | null = null;
    if (dto.decision === 'approve') {
      if (a.sourceCertificateId) {
        const src = await this.ds.getRepository(Certificate).findOne({ where: { id: a.sourceCertificateId } });
        if (src?.status !== 'valid') throw AppException.conflict('原证书已撤销，不能再补办/换发，请退回该申请');
      }
      const u = await this.ds.getRepository(User).findOne({ where: { id: a.applicantUserId } });
      if (!u?.idCardEnc) throw AppException.conflict('申请人未登记身份证号');
      const out = await this.issuer.issue(actor, [{
        issueKey: `app:${a.id}`, holderUserId: u.id, holderName: a.holderName, holderIdCard: this.crypto.decrypt(u.idCardEnc),
        titleName: a.titleName, seriesCode: a.seriesCode, professionName: a.professionName, titleLevel: a.titleLevel,
        qualificationDate: a.qualificationDate, approvalDocNo: a.approvalDocNo, committeeName: a.committeeName, issuerOrgId: a.issuerOrgId,
        kind: a.kind, hasECertificate: a.kind === 'reissue',
        ...(a.kind === 'historical' && a.originalCertificateNo ? { certificateNo: a.originalCertificateNo } : {}),
      }]);
      if (out.failed.length) throw AppException.conflict(`生成证书失败：${out.failed[0]!.message}`);
      certificateId = out.certificates[0]!.id;
    }
    return this.ds.transaction(async (m) => {
      const cur = await m.getRepository(CertificateApplication).findOne({ where: { id } });
      if (!cur || cur.status !== 'submitted') throw AppException.conflict('该申请已审核');
      cur.status = dto.decision === 'approve' ? 'approved' : 'rejected';
      cur.reviewComment = dto.comment?.trim() || null;
      cur.reviewedBy = actor.id;
      cur.reviewedAt = new Date();
      cur.certificateId = certificateId;
      const saved = await m.getRepository(CertificateApplication).save(cur);
      if (cur.kind === 'reissue' && certificateId) {
        // The replaced certificate stops being valid.
        const holder = await m.getRepository(User).findOne({ where: { id: cur.applicantUserId } });
        const old = cur.sourceCertificateId
          ? await m.getRepository(Certificate).findOne({ where: { id: cur.sourceCertificateId } })
          : cur.originalCertificateNo ? await m.getRepository(Certificate).findOne({ where: { certificateNo: cur.originalCertificateNo } }) : null;
        if (old && old.id !== certificateId && old.status === 'valid' && (old.holderUserId === cur.applicantUserId || old.holderIdCardHash === holder?.idCardHash)) {
          const what = cur.businessType ? REISSUE_BUSINESS_TYPE_LABELS[cur.businessType] : (cur.reason ?? '补办/换发');
          await m.getRepository(Certificate).update({ id: old.id }, { status: 'revoked', revokeReason: `已${what}，原证书作废`, revokedAt: new Date(), version: old.version + 1 });
        }
      }
      await this.audit.record({ actor, action: `certificate-application.${dto.decision}`, targetType: 'certificate-application', targetId: id, before: { status: 'submitted' }, after: { status: cur.status, comment: cur.reviewComment, certificateId } }, m);
      return this.toDto(saved);
    });
  }
}
