import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { normalizeIdCard, maskIdCard } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { CertificateSigner, SIGNED_PAYLOAD_VERSION } from './certificate-signer.js';
import { Certificate, type CertificateKind } from './entities/certificate.entity.js';
import { clock } from '../../common/clock/clock.service.js';
import { CertificateSealService } from './seal/certificate-seal.service.js';
import { isTransientDbError, issueFailureMessage } from './issue-errors.js';

/** The digit of the title level inside a certificate number. */
export const LEVEL_DIGIT: Record<string, string> = { yuan: '1', assistant: '2', intermediate: '3', vice_senior: '4', senior: '5' };

/**
 * A-12 number format: `{issuerCode:4}{year:4}{levelDigit:1}{seq:6}`, e.g. `320020265000123` = issuer 3200,
 * 2026, 正高级 (5), sequence 123. The sequence comes from the pool of (issuer code, year), shared by all
 * levels, so a number is unique even without its level digit; beyond 999999 the sequence simply gets longer.
 */
export function formatCertificateNo(issuerCode: string, year: number, titleLevel: string, seq: number): string {
  return `${issuerCode}${year}${LEVEL_DIGIT[titleLevel] ?? '0'}${String(seq).padStart(6, '0')}`;
}

/** Base32 alphabet without 0/O/1/I/L/U: 12 characters = 60 random bits, unguessable and easy to type. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newVerificationCode(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return s;
}

/** the next sequence of the pool, atomically; the pool is created on first use and extended when exhausted. */
export async function allocateSeq(m: EntityManager, issuerCode: string, year: number): Promise<number> {
  await m.query(
    `INSERT INTO certificate_number_pools (issuer_code, year, start_seq, next_seq, end_seq, extend_by)
     VALUES ($1, $2, 1, 1, 99999, 10000) ON CONFLICT DO NOTHING`,
    [issuerCode, year],
  );
  const rows: { seq: number }[] = await m.query(
    `WITH u AS (
       UPDATE certificate_number_pools
          SET next_seq = next_seq + 1,
              end_seq = CASE WHEN next_seq >= end_seq THEN end_seq + extend_by ELSE end_seq END
        WHERE issuer_code = $1 AND year = $2
      RETURNING next_seq - 1 AS seq)
     SELECT seq FROM u`,
    [issuerCode, year],
  );
  return Number(rows[0]!.seq);
}

/** What an issuance needs, whatever its source (a filed declaration, H-10 historical registration, H-11 reissue). */
export interface IssueInput {
  /** Idempotency key: the same key never yields a second certificate (`decl:<declarationId>`, `hist:<applicationId>`…). */
  issueKey: string;
  sourceDeclarationId?: string | null;
  holderUserId?: string | null;
  holderName: string;
  holderIdCard: string;
  titleName: string;
  seriesCode: string;
  professionName: string;
  titleLevel: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  committeeOrgId?: string | null;
  issuerOrgId: string;
  issueDate?: string;
  kind: CertificateKind;
  hasECertificate?: boolean;
  /** A historical certificate keeps its paper number. */
  certificateNo?: string;
}

export interface IssueOutcome {
  issued: number;
  existing: number;
  /** `retryable`: a transient database error — the batch worker leaves the item pending and retries it. */
  failed: { issueKey: string; message: string; retryable?: boolean }[];
  certificates: { issueKey: string; id: string; certificateNo: string; created: boolean }[];
}

/**
 * issuance core. Each item runs in its own short transaction, keyed by `issueKey`, so a batch is
 * idempotent and resumable: after a restart halfway, running it again issues only the rest and nothing is
 * half-issued. The committee stage (issue 7) must call `issue()` with `issueKey = 'decl:' + declarationId` and
 * `sourceDeclarationId` set for each filed-and-passed declaration, then mark the declarations `certified`.
 */
@Injectable()
export class CertificateIssuer {
  constructor(
    private readonly ds: DataSource,
    private readonly crypto: CryptoService,
    private readonly signer: CertificateSigner,
    private readonly audit: AuditLogService,
    private readonly sealer: CertificateSealService,
  ) {}

  nextSeq(m: EntityManager, issuerCode: string, year: number): Promise<number> {
    return allocateSeq(m, issuerCode, year);
  }

  /**
   * A-13 by selection for filed declarations: reads each `filed` declaration (applicant, title, profession,
   * committee) and issues with `issueKey = 'decl:<id>'` and `sourceDeclarationId` set, so a declaration never gets
   * two certificates whoever runs the batch and however often. Declarations that are not filed are reported as
   * failed. Moving the declaration to `certified` belongs to the declaration state machine (the committee stage calls
   * it after this returns).
   */
  async issueForDeclarations(
    actor: AuthUser | null,
    declarationIds: string[],
    opts: { approvalDocNo?: string | null; issuerOrgId: string; qualificationDate?: string | null; issueDate?: string | null },
  ): Promise<IssueOutcome> {
    const rows: {
      id: string; status: string; kind: string; applicant_user_id: string; real_name: string; id_card_enc: string | null; series_code: string;
      title_level: string; title_name: string; profession_name: string | null; profession_code: string; committee_id: string; committee_name: string;
      review_passed: boolean | null; filing_doc_no: string | null; filed_on: string | null;
    }[] = declarationIds.length
      ? await this.ds.query(
          `SELECT d.id, d.status, d.kind, d.applicant_user_id, u.real_name, u.id_card_enc, d.series_code, d.title_level,
                  d.review_passed, d.filing_doc_no, to_char(d.filed_on, 'YYYY-MM-DD') AS filed_on,
                  t.name AS title_name, p.name AS profession_name, d.profession_code, d.committee_id, o.name AS committee_name
             FROM declarations d
             JOIN users u ON u.id = d.applicant_user_id
             JOIN titles t ON t.id = d.title_id
             JOIN organisations o ON o.id = d.committee_id
             LEFT JOIN professions p ON p.code = d.profession_code
            WHERE d.id = ANY($1::uuid[])`,
          [declarationIds],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items: IssueInput[] = [];
    const failed: IssueOutcome['failed'] = [];
    const today = clock.today();
    for (const id of new Set(declarationIds)) {
      const r = byId.get(id);
      if (!r) failed.push({ issueKey: `decl:${id}`, message: '申报不存在' });
      else if (r.status !== 'filed' && r.status !== 'certified') failed.push({ issueKey: `decl:${id}`, message: '申报尚未备案，不能发证' });
      // Only a passed review is certified: `review_passed` must be true (issue 7 sets it at filing). No legacy
      // exception: a filed declaration without a recorded result is refused until its result is recorded.
      else if (r.review_passed !== true) failed.push({ issueKey: `decl:${id}`, message: '评审未通过或未登记评审结果，不能发证' });
      else if (!r.id_card_enc) failed.push({ issueKey: `decl:${id}`, message: '申报人未登记身份证号' });
      else if (!(opts.approvalDocNo || r.filing_doc_no)) failed.push({ issueKey: `decl:${id}`, message: '缺少批准文号（备案文号）' });
      else
        items.push({
          issueKey: `decl:${id}`, sourceDeclarationId: id, holderUserId: r.applicant_user_id, holderName: r.real_name,
          holderIdCard: this.crypto.decrypt(r.id_card_enc), titleName: r.title_name, seriesCode: r.series_code,
          professionName: r.profession_name ?? r.profession_code, titleLevel: r.title_level,
          qualificationDate: opts.qualificationDate ?? r.filed_on ?? opts.issueDate ?? today,
          approvalDocNo: (opts.approvalDocNo || r.filing_doc_no)!,
          committeeName: r.committee_name, committeeOrgId: r.committee_id, issuerOrgId: opts.issuerOrgId, issueDate: opts.issueDate ?? undefined,
          kind: r.kind === 'review' ? 'review' : 'initial',
        });
    }
    const out = await this.issue(actor, items);
    out.failed.unshift(...failed);
    return out;
  }

  async issue(actor: AuthUser | null, items: IssueInput[]): Promise<IssueOutcome> {
    const out: IssueOutcome = { issued: 0, existing: 0, failed: [], certificates: [] };
    const issuers = new Map<string, { code: string; name: string; seal: { id: string; der: Buffer } }>();
    for (const item of items) {
      try {
        let iss = issuers.get(item.issuerOrgId);
        if (!iss) {
          const rows: { code: string; name: string }[] = await this.ds.manager.query(
            'SELECT i.issuer_code AS code, o.name FROM issuers i JOIN organisations o ON o.id = i.organisation_id WHERE i.organisation_id = $1',
            [item.issuerOrgId],
          );
          if (!rows[0]) throw AppException.validation({ issuerOrgId: '发证单位不存在或未配置发证单位代码' });
          // P-05: the authority's seal is resolved (made once) outside the item's transaction.
          iss = { ...rows[0], seal: await this.sealer.sealFor(rows[0].code, rows[0].name) };
          issuers.set(item.issuerOrgId, iss);
        }
        if (item.hasECertificate !== false) await this.sealer.seriesName(item.seriesCode);
        const r = await this.issueOne(actor, item, iss);
        if (r.created) out.issued++;
        else out.existing++;
        out.certificates.push({ issueKey: item.issueKey, ...r });
      } catch (e) {
        out.failed.push({ issueKey: item.issueKey, message: issueFailureMessage(e), retryable: isTransientDbError(e) });
      }
    }
    return out;
  }

  private async issueOne(actor: AuthUser | null, item: IssueInput, iss: { code: string; name: string; seal: { id: string; der: Buffer } }) {
    const find = (m: EntityManager) =>
      m.getRepository(Certificate).findOne({
        where: item.sourceDeclarationId ? [{ issueKey: item.issueKey }, { sourceDeclarationId: item.sourceDeclarationId }] : { issueKey: item.issueKey },
      });
    // One transaction per item and no query outside it (the embedded database serialises transactions).
    return this.ds.transaction(async (m) => {
      const before = await find(m);
      if (before) return { id: before.id, certificateNo: before.certificateNo, created: false };
      const idCard = normalizeIdCard(item.holderIdCard);
      const issueDate = item.issueDate ?? clock.today();
      const year = Number(issueDate.slice(0, 4));
      const certificateNo = item.certificateNo ?? formatCertificateNo(iss.code, year, item.titleLevel, await this.nextSeq(m, iss.code, year));
      const c: Partial<Certificate> = {
        certificateNo,
        verificationCode: newVerificationCode(),
        holderUserId: item.holderUserId ?? null,
        holderName: item.holderName.trim(),
        holderIdCardEnc: this.crypto.encrypt(idCard),
        holderIdCardHash: this.crypto.blindIndex(idCard),
        titleName: item.titleName,
        seriesCode: item.seriesCode,
        professionName: item.professionName,
        titleLevel: item.titleLevel,
        qualificationDate: item.qualificationDate,
        approvalDocNo: item.approvalDocNo,
        committeeName: item.committeeName,
        committeeOrgId: item.committeeOrgId ?? null,
        issuerOrgId: item.issuerOrgId,
        issuerName: iss.name,
        issuerCode: iss.code,
        issueDate,
        kind: item.kind,
        sourceDeclarationId: item.sourceDeclarationId ?? null,
        issueKey: item.issueKey,
        hasECertificate: item.hasECertificate ?? true,
        signedPayloadVersion: SIGNED_PAYLOAD_VERSION,
        version: 1,
      };
      c.signature = this.signer.sign(c as Certificate);
      // P-05: sealing is part of issuing (QR payload and OFD seal signatures); historical paper records have no e-certificate.
      if (c.hasECertificate) Object.assign(c, await this.sealer.seal(c as Certificate, maskIdCard(idCard), iss.seal));
      // ON CONFLICT DO NOTHING: a concurrent run of the same item loses quietly and reads the winner's row.
      const res = await m.createQueryBuilder().insert().into(Certificate).values(c).orIgnore().returning(['id']).execute();
      const id = (res.raw as { id: string }[])[0]?.id;
      if (!id) {
        const winner = await find(m);
        if (!winner) throw AppException.conflict('证书编号冲突，请重试');
        return { id: winner.id, certificateNo: winner.certificateNo, created: false };
      }
      await this.audit.record(
        { actor, action: 'certificate.issue', targetType: 'certificate', targetId: id, after: { certificateNo, holderName: c.holderName, idCard: maskIdCard(idCard), kind: item.kind, issueKey: item.issueKey } },
        m,
      );
      return { id, certificateNo, created: true };
    });
  }
}
