import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { preparedQuery } from '../../database/prepared.js';
import type { PublicCertificateView } from '@zhicheng/contracts';
export type { PublicCertificateView };
import QRCode from 'qrcode';
import type { FastifyReply } from 'fastify';
import { Role, TITLE_LEVEL_LABELS, chinaDate, chinaDateTime, maskIdCard, splitQrText, normalizeIdCard, type TitleLevel } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import { PdfService } from '../../common/pdf/pdf.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { CertificateSigner } from './certificate-signer.js';
import { CertificateSealService, LICENCE_TYPE, licenceIdentifier } from './seal/certificate-seal.service.js';
import { VerificationLog } from './verification/verification-log.js';
import { Certificate } from './entities/certificate.entity.js';
import { MINISTRY_REPORTABLE } from './ministry-report.service.js';
import type { CertificateQueryDto, RevokeCertificateDto, VerifyCertificateDto } from './dto/certificate.dto.js';
import { clock } from '../../common/clock/clock.service.js';

export const KIND_LABELS: Record<string, string> = { review: '评审', initial: '初定', historical: '历史职称数据登记', reissue: '补办/换发' };
export const STATUS_LABELS: Record<string, string> = { valid: '有效', revoked: '已撤销' };
export const REPORTED_LABELS: Record<string, string> = { unreported: '未上报', pending: '上报中', reported: '已上报', failed: '上报失败' };

const levelLabel = (l: string) => TITLE_LEVEL_LABELS[l as TitleLevel] ?? l;

/** The columns of the public view and its signature check, as `SELECT` aliases in the entity's property names. */
const VIEW_FIELDS = [
  'certificateNo', 'verificationCode', 'holderName', 'holderIdCardEnc', 'holderIdCardHash', 'titleName', 'seriesCode', 'professionName', 'titleLevel',
  'approvalDocNo', 'committeeName', 'issuerName', 'issuerCode', 'kind', 'hasECertificate', 'signature', 'status',
] as const;
const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
const VIEW_COLUMNS = [
  ...VIEW_FIELDS.map((k) => `${snake(k)} AS "${k}"`),
  `to_char(qualification_date, 'YYYY-MM-DD') AS "qualificationDate"`,
  `to_char(issue_date, 'YYYY-MM-DD') AS "issueDate"`,
  'revoked_at AS "revokedAt"',
  'id AS "id"',
].join(', ');
const MASKED_ID_CACHE = 20_000;
const maskedIds = new Map<string, string>();
const VERIFY_BY_CODE_SQL = `SELECT ${VIEW_COLUMNS} FROM certificates WHERE verification_code = $1`;
const fromRow = (r: Record<string, unknown>) => r as unknown as Certificate;


@Injectable()
export class CertificateService {
  constructor(
    private readonly ds: DataSource,
    private readonly crypto: CryptoService,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly excel: ExcelService,
    private readonly pdf: PdfService,
    private readonly signer: CertificateSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sealer: CertificateSealService,
    private readonly verifications: VerificationLog,
  ) {}

  /**
   * The masked ID number of a certificate's holder. Memoised by ciphertext (an exact key: a changed row is decrypted
   * afresh) in a bounded map, like the signature check: every QR scan of a certificate otherwise decrypts the same
   * value again. Only the masked form is kept, never the plain number.
   */
  maskedId(c: Certificate): string {
    const hit = maskedIds.get(c.holderIdCardEnc);
    if (hit !== undefined) return hit;
    const masked = maskIdCard(this.crypto.decrypt(c.holderIdCardEnc));
    if (maskedIds.size >= MASKED_ID_CACHE) maskedIds.delete(maskedIds.keys().next().value!);
    maskedIds.set(c.holderIdCardEnc, masked);
    return masked;
  }

  toDto(c: Certificate) {
    return {
      id: c.id,
      certificateNo: c.certificateNo,
      verificationCode: c.verificationCode,
      holderName: c.holderName,
      holderIdCard: this.maskedId(c),
      titleName: c.titleName,
      seriesCode: c.seriesCode,
      professionName: c.professionName,
      titleLevel: c.titleLevel,
      titleLevelLabel: levelLabel(c.titleLevel),
      qualificationDate: c.qualificationDate,
      approvalDocNo: c.approvalDocNo,
      committeeName: c.committeeName,
      issuerName: c.issuerName,
      issuerCode: c.issuerCode,
      issueDate: c.issueDate,
      kind: c.kind,
      kindLabel: KIND_LABELS[c.kind] ?? c.kind,
      status: c.status,
      revokeReason: c.revokeReason,
      revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
      hasECertificate: c.hasECertificate,
      reportedStatus: c.reportedStatus,
      reportedStatusLabel: REPORTED_LABELS[c.reportedStatus] ?? c.reportedStatus,
      reportError: c.reportError,
      reportedAt: c.reportedAt ? c.reportedAt.toISOString() : null,
      reportAttempts: c.reportAttempts,
      signatureValid: this.signer.verify(c),
      sealed: !!c.sealSignature,
      /** The QR text of the e-certificate (link + signed payload), to share or check offline. */
      qrText: this.sealer.qrTextOf(c),
      sealKeyId: c.sealKeyId,
      createdAt: c.createdAt.toISOString(),
      version: c.version,
    };
  }

  publicView(c: Certificate): PublicCertificateView {
    const ok = this.signer.verify(c);
    return {
      certificateNo: c.certificateNo,
      holderName: c.holderName,
      holderIdCard: this.maskedId(c),
      titleName: c.titleName,
      titleLevel: levelLabel(c.titleLevel),
      professionName: c.professionName,
      qualificationDate: c.qualificationDate,
      approvalDocNo: c.approvalDocNo,
      committeeName: c.committeeName,
      issuerName: c.issuerName,
      issueDate: c.issueDate,
      status: c.status,
      statusLabel: STATUS_LABELS[c.status]!,
      revokedAt: c.revokedAt ? chinaDate(c.revokedAt) : null,
      signatureValid: ok,
      signatureLabel: ok ? '数据校验通过' : '证书数据校验失败',
    };
  }

  // ---------- P-01 public verification ----------

  /**
   * Name + ID number → that person's certificates; with a number or code → that one. Always the same path and
   * shape: one indexed lookup by the ID's blind index, then filtering in memory, so a wrong name and a wrong ID
   * both answer `{ items: [] }` after the same work.
   */
  async verify(dto: VerifyCertificateDto): Promise<{ items: PublicCertificateView[] }> {
    const hash = this.crypto.blindIndex(normalizeIdCard(dto.idCard));
    const rows = await this.ds.getRepository(Certificate).find({ where: { holderIdCardHash: hash }, order: { issueDate: 'DESC', certificateNo: 'ASC' } });
    const name = dto.name.trim();
    const no = dto.certificateNo?.trim();
    const code = dto.verificationCode?.trim().toUpperCase();
    const found = rows
      .filter((c) => c.holderName === name)
      .filter((c) => !no || c.certificateNo === no)
      .filter((c) => !code || c.verificationCode === code);
    // H-15: the holder sees each lookup of their certificates.
    for (const c of found) this.verifications.record(c.id, no || code ? 'number' : 'name_id');
    return { items: found.map((c) => this.publicView(c)) };
  }

  /** The QR link: the verification code alone identifies one certificate. */
  async verifyByCode(code: string): Promise<{ items: PublicCertificateView[] }> {
    const norm = code.trim().toUpperCase();
    if (!/^[0-9A-Z]{8,16}$/.test(norm)) return { items: [] };
    // The hot path of P-01 (every QR scan): one indexed lookup of the columns the answer needs, without the
    // entity query builder.
    const rows = await preparedQuery<Record<string, unknown>>(this.ds, 'cert_verify_code', VERIFY_BY_CODE_SQL, [norm]);
    if (rows[0]) this.verifications.record(rows[0].id as string, 'qr');
    return { items: rows[0] ? [this.publicView(fromRow(rows[0]))] : [] };
  }

  // ---------- A-16 / C-12 query ----------

  private scoped(actor: AuthUser): SelectQueryBuilder<Certificate> {
    const qb = this.ds.getRepository(Certificate).createQueryBuilder('c');
    if (actor.role === Role.CommitteeOperator) {
      // C-12: a committee sees the certificates of its own reviews.
      return this.access.scopeQuery(qb, actor, { orgId: 'c.committee_org_id' });
    }
    qb.leftJoin('organisations', 'io', 'io.id = c.issuer_org_id');
    return this.access.scopeQuery(qb, actor, { orgId: 'c.issuer_org_id', regionCode: 'io.region_code' });
  }

  query(actor: AuthUser, q: CertificateQueryDto): SelectQueryBuilder<Certificate> {
    const qb = this.scoped(actor);
    if (q.name?.trim()) {
      const kw = q.name.trim();
      const id = normalizeIdCard(kw);
      if (/^\d{17}[\dX]$/.test(id)) qb.andWhere('c.holder_id_card_hash = :h', { h: this.crypto.blindIndex(id) });
      else qb.andWhere('c.holder_name LIKE :n', { n: `%${kw}%` });
    }
    if (q.certificateNo?.trim()) qb.andWhere('c.certificate_no = :no', { no: q.certificateNo.trim() });
    if (q.titleName?.trim()) qb.andWhere('c.title_name LIKE :t', { t: `%${q.titleName.trim()}%` });
    if (q.status) qb.andWhere('c.status = :s', { s: q.status });
    if (q.kind) qb.andWhere('c.kind = :k', { k: q.kind });
    if (q.reportedStatus) {
      qb.andWhere('c.reported_status = :rs', { rs: q.reportedStatus });
      // a certificate revoked before it reached the ministry is not waiting to be reported.
      if (q.reportedStatus === 'unreported' || q.reportedStatus === 'failed') qb.andWhere(MINISTRY_REPORTABLE);
    }
    if (q.issuedFrom) qb.andWhere('c.issue_date >= :f', { f: q.issuedFrom });
    if (q.issuedTo) qb.andWhere('c.issue_date <= :to', { to: q.issuedTo });
    if (q.issuerOrgId) qb.andWhere('c.issuer_org_id = :io', { io: q.issuerOrgId });
    return qb.orderBy('c.issue_date', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('c.certificate_no', 'ASC');
  }

  async list(actor: AuthUser, q: CertificateQueryDto) {
    const [rows, total] = await this.query(actor, q).skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return { items: rows.map((c) => this.toDto(c)), total, page: q.page, pageSize: q.pageSize };
  }

  async export(actor: AuthUser, q: CertificateQueryDto, reply: FastifyReply) {
    const rows = paged((offset, limit) => this.query(actor, q).skip(offset).take(limit).getMany());
    const self = this;
    async function* mapped() {
      for await (const c of rows) {
        yield {
          certificateNo: c.certificateNo, holderName: c.holderName, holderIdCard: self.maskedId(c), titleName: c.titleName,
          titleLevel: levelLabel(c.titleLevel), professionName: c.professionName, qualificationDate: c.qualificationDate,
          approvalDocNo: c.approvalDocNo, committeeName: c.committeeName, issuerName: c.issuerName, issueDate: c.issueDate,
          kind: KIND_LABELS[c.kind] ?? c.kind, status: STATUS_LABELS[c.status] ?? c.status, revokeReason: c.revokeReason ?? '',
          reportedStatus: REPORTED_LABELS[c.reportedStatus] ?? c.reportedStatus,
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '职称证书.xlsx',
      [
        { key: 'certificateNo', header: '证书编号', width: 20 },
        { key: 'holderName', header: '姓名', width: 12 },
        { key: 'holderIdCard', header: '身份证号', width: 22 },
        { key: 'titleName', header: '职称名称', width: 20 },
        { key: 'titleLevel', header: '级别', width: 10 },
        { key: 'professionName', header: '专业', width: 16 },
        { key: 'qualificationDate', header: '取得资格时间', width: 14 },
        { key: 'approvalDocNo', header: '批准文号', width: 20 },
        { key: 'committeeName', header: '评审委员会', width: 36 },
        { key: 'issuerName', header: '发证单位', width: 24 },
        { key: 'issueDate', header: '发证日期', width: 12 },
        { key: 'kind', header: '类型', width: 12 },
        { key: 'status', header: '状态', width: 8 },
        { key: 'revokeReason', header: '撤销原因', width: 30 },
        { key: 'reportedStatus', header: '上报状态', width: 10 },
      ],
      mapped(),
    );
  }

  /** the report file — the certificates with their report status, time, attempts and the ministry's reason. */
  async exportMinistryReport(actor: AuthUser, q: CertificateQueryDto, reply: FastifyReply) {
    if (actor.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以导出上报记录');
    const rows = paged((offset, limit) => this.query(actor, q).skip(offset).take(limit).getMany());
    const self = this;
    async function* mapped() {
      for await (const c of rows) {
        yield {
          certificateNo: c.certificateNo, holderName: c.holderName, holderIdCard: self.maskedId(c), titleName: c.titleName,
          titleLevel: levelLabel(c.titleLevel), professionName: c.professionName, qualificationDate: c.qualificationDate,
          approvalDocNo: c.approvalDocNo, issuerName: c.issuerName, issueDate: c.issueDate,
          status: STATUS_LABELS[c.status] ?? c.status, reportedStatus: REPORTED_LABELS[c.reportedStatus] ?? c.reportedStatus,
          reportedAt: c.reportedAt ? chinaDateTime(c.reportedAt) : '', reportAttempts: c.reportAttempts,
          reportError: c.reportError ?? '',
          licenceTypeCode: LICENCE_TYPE.code, licenceIdentifier: licenceIdentifier(c), issuerCode: c.issuerCode,
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '证书报送人社部.xlsx',
      [
        { key: 'certificateNo', header: '证书编号', width: 20 },
        { key: 'holderName', header: '姓名', width: 12 },
        { key: 'holderIdCard', header: '身份证号', width: 22 },
        { key: 'titleName', header: '职称名称', width: 20 },
        { key: 'titleLevel', header: '级别', width: 10 },
        { key: 'professionName', header: '专业', width: 16 },
        { key: 'qualificationDate', header: '取得资格时间', width: 14 },
        { key: 'approvalDocNo', header: '批准文号', width: 20 },
        { key: 'issuerName', header: '发证单位', width: 24 },
        { key: 'issueDate', header: '发证日期', width: 12 },
        { key: 'status', header: '证书状态', width: 10 },
        { key: 'reportedStatus', header: '上报状态', width: 10 },
        { key: 'reportedAt', header: '上报时间', width: 20 },
        { key: 'reportAttempts', header: '上报次数', width: 10 },
        { key: 'reportError', header: '失败原因', width: 40 },
        { key: 'licenceTypeCode', header: '证照类型代码', width: 24 },
        { key: 'licenceIdentifier', header: '证照标识', width: 48 },
        { key: 'issuerCode', header: '颁发机构代码', width: 12 },
      ],
      mapped(),
    );
  }

  async get(actor: AuthUser, id: string) {
    const c = await this.scoped(actor).andWhere('c.id = :id', { id }).getOne();
    if (!c) throw AppException.notFound('证书');
    return c;
  }

  /**
   * Daily reconciliation of the ministry report: every certificate issued (including reissues/replacements) or revoked
   * on `date` (China date) must have reached the ministry, a revocation after it happened. Each mismatch is listed.
   */
  async reconcileMinistryReport(actor: AuthUser, date: string) {
    if (actor.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以核对上报');
    const issued = await this.scoped(actor).andWhere('c.issue_date = :d', { d: date }).andWhere('c.has_e_certificate = true').getMany();
    const revoked = await this.scoped(actor).andWhere(`(c.revoked_at AT TIME ZONE 'Asia/Shanghai')::date = :d`, { d: date }).getMany();
    const mismatches: { certificateNo: string; holderName: string; event: string; reason: string }[] = [];
    for (const c of issued) {
      if (c.reportedStatus !== 'reported') mismatches.push({ certificateNo: c.certificateNo, holderName: c.holderName, event: c.kind === 'reissue' ? '补发/换发' : '发证', reason: REPORTED_LABELS[c.reportedStatus] ?? c.reportedStatus });
    }
    for (const c of revoked) {
      if (!c.reportedAt || !c.revokedAt || c.reportedAt < c.revokedAt || c.reportedStatus !== 'reported') {
        mismatches.push({ certificateNo: c.certificateNo, holderName: c.holderName, event: '撤销', reason: '撤销后尚未重新上报' });
      }
    }
    return { date, issued: issued.length, revoked: revoked.length, matched: issued.length + revoked.length - mismatches.length, mismatches };
  }

  // ---------- A-15 revoke ----------

  async revoke(actor: AuthUser, id: string, dto: RevokeCertificateDto) {
    if (actor.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以撤销证书');
    return this.ds.transaction(async (m) => {
      const c = await m.getRepository(Certificate).findOne({ where: { id } });
      if (!c) throw AppException.notFound('证书');
      await this.access.assertOrgInScope(actor, c.issuerOrgId, m);
      if (c.version !== dto.version) throw AppException.conflict('证书已被他人修改，请刷新后重试');
      if (c.status === 'revoked') throw AppException.conflict('该证书已撤销');
      c.status = 'revoked';
      c.revokeReason = dto.reason.trim();
      c.revokedAt = clock.now();
      // the ministry holds the certificate's status, so a reported certificate is reported again once revoked.
      if (c.reportedStatus === 'reported') c.reportedStatus = 'unreported';
      const saved = await m.getRepository(Certificate).save(c);
      await this.audit.record(
        { actor, action: 'certificate.revoke', targetType: 'certificate', targetId: c.id, before: { status: 'valid' }, after: { status: 'revoked', reason: c.revokeReason } },
        m,
      );
      return this.toDto(saved);
    });
  }

  // ---------- H-12 my certificates ----------

  private async mine(user: AuthUser) {
    const u = await this.ds.getRepository(User).findOne({ where: { id: user.id } });
    const qb = this.ds.getRepository(Certificate).createQueryBuilder('c');
    return qb.where(
      new Brackets((w) => {
        w.where('c.holder_user_id = :uid', { uid: user.id });
        if (u?.idCardHash) w.orWhere('c.holder_id_card_hash = :h', { h: u.idCardHash });
      }),
    );
  }

  async listMine(user: AuthUser) {
    const rows = await (await this.mine(user)).orderBy('c.issue_date', 'DESC').addOrderBy('c.certificate_no', 'ASC').getMany();
    return { items: rows.map((c) => this.toDto(c)) };
  }

  async getMine(user: AuthUser, id: string): Promise<Certificate> {
    const c = await (await this.mine(user)).andWhere('c.id = :id', { id }).getOne();
    if (!c) throw AppException.notFound('证书');
    return c;
  }

  // ---------- e-certificate PDF ----------

  verifyUrl(c: Certificate): string {
    return `${this.config.publicBaseUrl.replace(/\/$/, '')}/verify?code=${c.verificationCode}`;
  }

  async renderPdf(c: Certificate): Promise<Buffer> {
    if (!c.hasECertificate) throw AppException.conflict('该证书为历史纸质证书登记，没有电子证书');
    const url = this.verifyUrl(c);
    // The same QR as the OFD: the online link with the SM2-signed payload (older certificates: the link alone).
    const qr = await QRCode.toBuffer(this.sealer.qrTextOf(c) ?? url, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    const seriesLabel = await this.sealer.seriesName(c.seriesCode);
    const ok = this.signer.verify(c);
    return this.pdf.render(
      { title: `职称证书 ${c.certificateNo}`, layout: 'landscape', watermark: c.status === 'revoked' ? '已撤销' : ok ? undefined : '校验失败' },
      (doc) => {
        const W = doc.page.width;
        const H = doc.page.height;
        doc.lineWidth(3).rect(24, 24, W - 48, H - 48).stroke('#a0522d');
        doc.lineWidth(1).rect(32, 32, W - 64, H - 64).stroke('#a0522d');
        doc.fillColor('#8b0000').font('cjk-bold').fontSize(30).text('专业技术职称证书', 0, 60, { width: W, align: 'center' });
        doc.fillColor('#555555').font('cjk').fontSize(11).text('（电子证书）', 0, 100, { width: W, align: 'center' });
        doc.fillColor('#000000');
        const rows: [string, string][] = [
          ['姓名', c.holderName],
          ['身份证号', this.maskedId(c)],
          ['职称名称', c.titleName],
          ['系列', seriesLabel],
          ['专业', c.professionName],
          ['级别', levelLabel(c.titleLevel)],
          ['取得资格时间', c.qualificationDate],
          ['批准文号', c.approvalDocNo],
          ['评审委员会', c.committeeName],
          ['发证单位', c.issuerName],
          ['发证日期', c.issueDate],
          ['证书编号', c.certificateNo],
          ['验证码', c.verificationCode],
        ];
        this.pdf.keyValueTable(doc, rows, { x: 70, y: 130, width: W - 360, labelWidth: 110 });
        doc.image(qr, W - 260, 150, { width: 180 });
        doc.fontSize(9).fillColor('#333333').text('扫码核验证书真伪', W - 260, 336, { width: 180, align: 'center' });
        doc.fontSize(7).text(url, W - 270, 352, { width: 200, align: 'center' });
        doc.fontSize(8).fillColor('#555555').text(
          c.sealSignature
            ? `本文件为 OFD 电子证书（加盖 SM2 电子印章，签章密钥 ${c.sealKeyId}）的 PDF 版本；二维码含 SM2 签名数据，可离线核验，公钥见 /api/public/certificates/public-key`
            : `数字签名（Ed25519，公钥见 /api/public/certificates/public-key）：${c.signature}`,
          70, H - 90, { width: W - 140 },
        );
        doc.fillColor('#000000');
      },
    );
  }

  // ---------- P-05 OFD e-certificate ----------

  /**
   * The sealed OFD of a certificate. A certificate issued before sealing existed (Ed25519 only) is sealed now, once,
   * if its Ed25519 signature still verifies (so a changed row is never sealed); the seal records when it was made.
   */
  async ofd(c: Certificate): Promise<Buffer> {
    if (!c.hasECertificate) throw AppException.conflict('该证书为历史纸质证书登记，没有电子证书');
    if (!c.sealSignature) {
      if (!this.signer.verify(c)) throw AppException.conflict('证书数据校验失败，不能生成电子证书');
      const seal = await this.sealer.sealFor(c.issuerCode, c.issuerName);
      await this.sealer.seriesName(c.seriesCode);
      const cols = await this.sealer.seal(c, this.maskedId(c), seal);
      const res = await this.ds.query(
        `UPDATE certificates SET seal_id = $2, seal_key_id = $3, sealed_at = $4, seal_signature = $5, qr_payload = $6, qr_signature = $7
          WHERE id = $1 AND seal_signature IS NULL`,
        [c.id, cols.sealId, cols.sealKeyId, cols.sealedAt, cols.sealSignature, cols.qrPayload, cols.qrSignature],
      );
      const fresh = await this.ds.getRepository(Certificate).findOneOrFail({ where: { id: c.id } });
      if (res?.[1] === 1 || fresh.sealSignature === cols.sealSignature) {
        await this.audit.record({ actor: null, action: 'certificate.reseal', targetType: 'certificate', targetId: c.id, after: { sealKeyId: cols.sealKeyId } });
      }
      c = fresh;
    }
    return this.sealer.buildOfd(c, this.maskedId(c));
  }

  /**
   * P-05: revoked certificate numbers with the time of the list, signed with the current SM2 key over the UTF-8 JSON
   * `{"generatedAt":…,"keyId":…,"items":[…]}` as sent in `signed`. Offline verifiers keep the last list they fetched.
   */
  async revocationList() {
    const rows = (await this.ds.query(`SELECT certificate_no FROM certificates WHERE status = 'revoked' ORDER BY certificate_no`)) as { certificate_no: string }[];
    const signed = JSON.stringify({ generatedAt: new Date().toISOString(), keyId: this.sealer.signer.current.keyId, items: rows.map((r) => r.certificate_no) });
    const sig = await this.sealer.signer.sign(Buffer.from(signed, 'utf8'));
    return { signed, signature: sig.toString('base64') };
  }

  async sendOfd(c: Certificate, reply: FastifyReply) {
    const buf = await this.ofd(c);
    const name = `职称证书-${c.certificateNo}.ofd`;
    return reply
      .header('content-type', 'application/ofd')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(buf);
  }

  /** P-05 online check of an OFD file: the seal (offline part) plus the live status of the certificate it names. */
  async verifyOfdFile(bytes: Buffer) {
    const v = this.sealer.verifyOfd(bytes);
    const row = v.certificateNo ? await this.ds.getRepository(Certificate).findOne({ where: { certificateNo: v.certificateNo } }) : null;
    if (row && v.ok) this.verifications.record(row.id, 'ofd');
    return {
      sealValid: v.ok,
      problems: v.problems,
      certificateNo: v.certificateNo,
      holderName: v.holderName,
      sealName: v.sealName,
      signedAt: v.signedAt,
      keyId: v.keyId,
      status: row ? row.status : null,
      statusLabel: row ? STATUS_LABELS[row.status]! : '平台中没有该编号的证书',
      valid: v.ok && row?.status === 'valid',
    };
  }

  /** P-05 online check of a QR text: its SM2 signature plus the live status of the certificate. */
  async verifyQrText(text: string) {
    const q = this.sealer.verifyQr(text);
    const row = q.payload ? await this.ds.getRepository(Certificate).findOne({ where: { certificateNo: q.payload.certificateNo } }) : null;
    // The payload must be the one issued with that certificate (not merely signed by the platform).
    const matches = !!row && q.ok && row.qrPayload === splitQrText(text)?.payloadJson;
    if (row && matches) this.verifications.record(row.id, 'qr');
    return {
      signatureValid: q.ok,
      problem: q.problem ?? (q.ok && !matches ? '二维码数据与平台登记的证书不一致' : null),
      data: q.payload,
      status: row ? row.status : null,
      statusLabel: row ? STATUS_LABELS[row.status]! : null,
      valid: q.ok && matches && row?.status === 'valid',
    };
  }

  async sendPdf(c: Certificate, download: boolean, reply: FastifyReply) {
    const buf = await this.renderPdf(c);
    const name = `职称证书-${c.certificateNo}.pdf`;
    return reply
      .header('content-type', 'application/pdf')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(buf);
  }
}
