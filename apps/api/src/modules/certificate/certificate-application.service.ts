import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Role } from '@zhicheng/contracts';
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

const MIN_FILES = { historical: 2, reissue: 3 } as const;
const FILE_PURPOSE = 'certificate-application';

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
      id: a.id, kind: a.kind, kindLabel: a.kind === 'historical' ? '历史证书登记' : '证书补发/换发', holderName: a.holderName,
      titleName: a.titleName, seriesCode: a.seriesCode, professionName: a.professionName, titleLevel: a.titleLevel,
      qualificationDate: a.qualificationDate, approvalDocNo: a.approvalDocNo, committeeName: a.committeeName,
      originalCertificateNo: a.originalCertificateNo, issuerOrgId: a.issuerOrgId, reason: a.reason, fileIds: a.fileIds,
      status: a.status, reviewComment: a.reviewComment, reviewedAt: a.reviewedAt?.toISOString() ?? null,
      certificateId: a.certificateId, createdAt: a.createdAt.toISOString(), version: a.version,
    };
  }

  async create(user: AuthUser, dto: CreateCertificateApplicationDto) {
    const min = MIN_FILES[dto.kind];
    const fileIds = [...new Set(dto.fileIds)];
    if (fileIds.length < min) throw AppException.validation({ fileIds: `请至少上传${min}个PDF证明材料` });
    if (dto.kind === 'reissue' && !dto.reason) throw AppException.validation({ reason: '请选择补发/换发原因' });
    if (dto.kind === 'reissue' && !dto.originalCertificateNo?.trim()) throw AppException.validation({ originalCertificateNo: '请输入原证书编号' });
    return this.ds.transaction(async (m) => {
      const u = await m.getRepository(User).findOne({ where: { id: user.id } });
      if (!u?.idCardHash) throw AppException.conflict('请先在个人信息中完善身份证号');
      const issuer = await m.query('SELECT 1 FROM issuers WHERE organisation_id = $1', [dto.issuerOrgId]);
      if (!issuer.length) throw AppException.validation({ issuerOrgId: '发证单位不存在' });
      const files = await m.getRepository(StoredFile).find({ where: { id: In(fileIds) } });
      if (files.length !== fileIds.length || files.some((f) => f.ownerUserId !== user.id)) throw AppException.validation({ fileIds: '证明材料不存在，请重新上传' });
      await m.getRepository(StoredFile).update({ id: In(fileIds) }, { locked: true });
      const a = await m.getRepository(CertificateApplication).save({
        kind: dto.kind, applicantUserId: user.id, holderName: u.realName, titleName: dto.titleName.trim(), seriesCode: dto.seriesCode,
        professionName: dto.professionName.trim(), titleLevel: dto.titleLevel, qualificationDate: dto.qualificationDate,
        approvalDocNo: dto.approvalDocNo.trim(), committeeName: dto.committeeName.trim(), originalCertificateNo: dto.originalCertificateNo?.trim() || null,
        issuerOrgId: dto.issuerOrgId, reason: dto.reason ?? null, fileIds,
      });
      await this.audit.record({ actor: user, action: `certificate-application.submit`, targetType: 'certificate-application', targetId: a.id, after: { kind: a.kind, titleName: a.titleName } }, m);
      return this.toDto(a);
    });
  }

  async issuers() {
    const rows: { id: string; name: string; code: string }[] = await this.ds.query(
      'SELECT o.id, o.name, i.issuer_code AS code FROM issuers i JOIN organisations o ON o.id = i.organisation_id ORDER BY i.issuer_code',
    );
    return { items: rows.map((r) => ({ id: r.id, name: r.name, issuerCode: r.code })) };
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
      if (cur.kind === 'reissue' && certificateId && cur.originalCertificateNo) {
        // The replaced certificate stops being valid.
        const old = await m.getRepository(Certificate).findOne({ where: { certificateNo: cur.originalCertificateNo } });
        const holder = await m.getRepository(User).findOne({ where: { id: cur.applicantUserId } });
        if (old && old.id !== certificateId && old.status === 'valid' && old.holderIdCardHash === holder?.idCardHash) {
          await m.getRepository(Certificate).update({ id: old.id }, { status: 'revoked', revokeReason: `已${cur.reason ?? '补发/换发'}，原证书作废`, revokedAt: new Date(), version: old.version + 1 });
        }
      }
      await this.audit.record({ actor, action: `certificate-application.${dto.decision}`, targetType: 'certificate-application', targetId: id, before: { status: 'submitted' }, after: { status: cur.status, comment: cur.reviewComment, certificateId } }, m);
      return this.toDto(saved);
    });
  }
}
