import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { AppException } from '../../../common/errors/app.exception.js';
import { clock } from '../../../common/clock/clock.service.js';
import { AuditLogService } from '../../audit-log/audit-log.service.js';
import { User } from '../../accounts/entities/user.entity.js';
import { Certificate } from '../entities/certificate.entity.js';
import { CertificateVerification, CertificateVerificationGrant } from '../entities/certificate-verification.entity.js';
import { CertificateService } from '../certificate.service.js';
import { newVerificationCode } from '../certificate-issuer.service.js';
import { CertificateSealService } from '../seal/certificate-seal.service.js';
import { CHANNEL_LABELS, VerificationLog } from './verification-log.js';
import type { Page } from '@zhicheng/contracts';

/** H-15 defaults (national rule of the sister 职业资格 system): validity at most 90 days, at most 3 valid at once. */
export const GRANT_MAX_DAYS = Number(process.env.CERT_GRANT_MAX_DAYS ?? 90);
export const GRANT_MAX_VALID = Number(process.env.CERT_GRANT_MAX_VALID ?? 3);

/** H-15: one verification of a holder's certificate (the requester masked). */
export interface VerificationRecord {
  id: string;
  certificateNo: string;
  channel: keyof typeof CHANNEL_LABELS;
  channelLabel: string;
  requester: string;
  grantPurpose: string | null;
  createdAt: string;
}

/** H-15 holder-controlled verification: the holder's verification log and verification grants. */
@Injectable()
export class CertificateGrantService {
  constructor(
    private readonly ds: DataSource,
    private readonly certs: CertificateService,
    private readonly log: VerificationLog,
    private readonly audit: AuditLogService,
    private readonly sealer: CertificateSealService,
  ) {}

  /** The ids of the user's certificates (as holder user or by ID number). */
  private async myCertificateIds(user: AuthUser): Promise<string[]> {
    const u = await this.ds.getRepository(User).findOne({ where: { id: user.id } });
    const rows = (await this.ds.query(
      'SELECT id FROM certificates WHERE holder_user_id = $1 OR ($2::text IS NOT NULL AND holder_id_card_hash = $2)',
      [user.id, u?.idCardHash ?? null],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async verifications(user: AuthUser, page: number, pageSize: number): Promise<Page<VerificationRecord>> {
    await this.log.flush();
    const ids = await this.myCertificateIds(user);
    const qb = this.ds.getRepository(CertificateVerification).createQueryBuilder('v')
      .innerJoin(Certificate, 'c', 'c.id = v.certificate_id')
      .leftJoin(CertificateVerificationGrant, 'g', 'g.id = v.grant_id')
      .where('v.certificate_id = ANY(:ids)', { ids })
      .select(['v.id AS id', 'v.channel AS channel', 'v.requester_masked AS "requesterMasked"', 'v.created_at AS "createdAt"',
        'c.certificate_no AS "certificateNo"', 'g.purpose AS "grantPurpose"'])
      .orderBy('v.created_at', 'DESC');
    const total = ids.length ? await qb.getCount() : 0;
    type Row = { id: string; certificateNo: string; channel: keyof typeof CHANNEL_LABELS; requesterMasked: string | null; grantPurpose: string | null; createdAt: string | Date };
    const rows = ids.length ? ((await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany()) as Row[]) : [];
    return {
      items: rows.map((r) => ({
        id: r.id, certificateNo: r.certificateNo, channel: r.channel, channelLabel: CHANNEL_LABELS[r.channel],
        requester: r.requesterMasked ?? '未知', grantPurpose: r.grantPurpose ?? null, createdAt: new Date(r.createdAt).toISOString(),
      })),
      total, page, pageSize,
    };
  }

  private grantState(g: CertificateVerificationGrant): 'valid' | 'revoked' | 'expired' {
    if (g.revokedAt) return 'revoked';
    return g.validUntil.getTime() <= clock.now().getTime() ? 'expired' : 'valid';
  }

  private grantUrl(code: string) {
    return `${this.sealer.baseUrl()}/verify?grant=${code}`;
  }

  private async grantDto(g: CertificateVerificationGrant, certificateNo: string) {
    const state = this.grantState(g);
    return {
      id: g.id, certificateId: g.certificateId, certificateNo, purpose: g.purpose, code: g.code, validUntil: g.validUntil.toISOString(),
      createdAt: g.createdAt.toISOString(), revokedAt: g.revokedAt?.toISOString() ?? null, state,
      stateLabel: { valid: '有效', revoked: '已撤销', expired: '已过期' }[state],
      url: this.grantUrl(g.code),
      qrDataUrl: state === 'valid' ? await QRCode.toDataURL(this.grantUrl(g.code), { margin: 1, width: 160 }) : null,
    };
  }

  async listGrants(user: AuthUser) {
    const ids = await this.myCertificateIds(user);
    if (!ids.length) return { items: [] };
    const rows = (await this.ds.getRepository(CertificateVerificationGrant).createQueryBuilder('g')
      .innerJoin(Certificate, 'c', 'c.id = g.certificate_id').addSelect('c.certificate_no', 'certificate_no')
      .where('g.certificate_id = ANY(:ids)', { ids }).orderBy('g.created_at', 'DESC').getRawAndEntities());
    return { items: await Promise.all(rows.entities.map((g, i) => this.grantDto(g, (rows.raw[i] as { certificate_no: string }).certificate_no))) };
  }

  async createGrant(user: AuthUser, certificateId: string, dto: { purpose: string; validDays: number }) {
    const c = await this.certs.getMine(user, certificateId);
    if (c.status !== 'valid') throw AppException.conflict('证书已撤销，不能授权核验');
    if (dto.validDays > GRANT_MAX_DAYS) throw AppException.validation({ validDays: `有效期最长 ${GRANT_MAX_DAYS} 天` });
    const g = await this.ds.transaction(async (m) => {
      // One holder's concurrent requests: the certificate row serialises them, so the limit holds.
      await m.query('SELECT id FROM certificates WHERE id = $1 FOR UPDATE', [c.id]);
      const [{ n }] = (await m.query(
        'SELECT count(*)::int AS n FROM certificate_verification_grants WHERE certificate_id = $1 AND revoked_at IS NULL AND valid_until > $2',
        [c.id, clock.now()],
      )) as { n: number }[];
      if (n >= GRANT_MAX_VALID) throw AppException.conflict(`同一证书最多同时有 ${GRANT_MAX_VALID} 个有效的核验授权，请先撤销不再需要的授权`);
      const saved = await m.getRepository(CertificateVerificationGrant).save(m.getRepository(CertificateVerificationGrant).create({
        certificateId: c.id, holderUserId: user.id, purpose: dto.purpose.trim(), code: newVerificationCode(),
        validUntil: new Date(clock.now().getTime() + dto.validDays * 86400_000), revokedAt: null,
      }));
      await this.audit.record({ actor: user, action: 'certificate.grant.create', targetType: 'certificate', targetId: c.id, after: { grantId: saved.id, purpose: saved.purpose, validDays: dto.validDays } }, m);
      return saved;
    });
    return this.grantDto(g, c.certificateNo);
  }

  async revokeGrant(user: AuthUser, grantId: string) {
    const g = await this.ds.getRepository(CertificateVerificationGrant).findOne({ where: { id: grantId } });
    const ids = g ? await this.myCertificateIds(user) : [];
    if (!g || !ids.includes(g.certificateId)) throw AppException.notFound('核验授权');
    if (g.revokedAt) throw AppException.conflict('该核验授权已撤销');
    g.revokedAt = clock.now();
    await this.ds.transaction(async (m) => {
      await m.getRepository(CertificateVerificationGrant).save(g);
      await this.audit.record({ actor: user, action: 'certificate.grant.revoke', targetType: 'certificate', targetId: g.certificateId, after: { grantId: g.id } }, m);
    });
    const c = await this.ds.getRepository(Certificate).findOneOrFail({ where: { id: g.certificateId } });
    return this.grantDto(g, c.certificateNo);
  }

  /** A third party verifies with a grant code: only while the grant is valid, and only that certificate. */
  async verifyGrant(code: string) {
    const norm = code.trim().toUpperCase();
    const g = /^[0-9A-Z]{8,16}$/.test(norm) ? await this.ds.getRepository(CertificateVerificationGrant).findOne({ where: { code: norm } }) : null;
    if (!g) return { state: 'unknown' as const, message: '核验码不存在，请向持证人确认', certificate: null };
    const state = this.grantState(g);
    if (state === 'revoked') return { state, message: '该核验码已被持证人撤销', certificate: null, purpose: g.purpose };
    if (state === 'expired') return { state, message: '该核验码已过期', certificate: null, purpose: g.purpose };
    const c = await this.ds.getRepository(Certificate).findOneOrFail({ where: { id: g.certificateId } });
    this.log.record(c.id, 'grant', g.id);
    return { state, message: '授权有效', purpose: g.purpose, validUntil: g.validUntil.toISOString(), certificate: this.certs.publicView(c) };
  }
}
