import { clock } from '../../common/clock/clock.service.js';
import { LICENCE_TYPE, licenceIdentifier } from './seal/certificate-seal.service.js';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Role } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Certificate, type ReportedStatus } from './entities/certificate.entity.js';
import type { MinistryReportDto } from './dto/certificate.dto.js';

/** What the ministry's certificate database receives for one certificate (the full ID number: it is the registry). */
export interface MinistryRecord {
  certificateId: string;
  certificateNo: string;
  holderName: string;
  holderIdCard: string;
  titleName: string;
  seriesCode: string;
  professionName: string;
  titleLevel: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  issuerCode: string;
  issuerName: string;
  issueDate: string;
  status: string;
  /** 电子证照 catalogue metadata (GB/T 36902/36903): licence type code and identifier. */
  licenceTypeCode: string;
  licenceIdentifier: string;
}

export interface MinistryAnswer {
  certificateId: string;
  ok: boolean;
  error?: string;
}

/** The ministry channel of the outbox: how certificate records reach the ministry (人社部). */
export abstract class MinistryGateway {
  abstract send(records: MinistryRecord[]): Promise<MinistryAnswer[]>;
}

/**
 * Development gateway: accepts every well-formed record and keeps what it received. `reject` lets a test (or a
 * developer) make the "ministry" refuse records, e.g. to exercise 上报失败 and retry.
 */
@Injectable()
export class DevMinistryGateway extends MinistryGateway {
  readonly received: MinistryRecord[] = [];
  reject: ((r: MinistryRecord) => string | null) | null = null;

  async send(records: MinistryRecord[]): Promise<MinistryAnswer[]> {
    return records.map((r) => {
      const error = this.reject?.(r) ?? (/^\d{17}[\dX]$/.test(r.holderIdCard) ? null : '身份证号格式不符合部级证书库要求');
      if (!error) this.received.push(r);
      return error ? { certificateId: r.certificateId, ok: false, error } : { certificateId: r.certificateId, ok: true };
    });
  }
}

const RECIPIENT = '人社部职称证书信息库';

/**
 * Which certificates the ministry still has to hear about (SQL on alias `c`): a valid one, or a revoked one the
 * ministry already holds (reported before, so its revocation must be reported). A certificate revoked before it
 * ever reached the ministry is not offered as 未上报 nor counted.
 */
export const MINISTRY_REPORTABLE = `(c.status = 'valid' OR c.reported_at IS NOT NULL)`;
/** Certificates per enqueue transaction and per gateway call. */
const CHUNK = 500;

/**
 * A-14 证书报送人社部: selected or all unreported certificates of the office's scope are queued in the outbox
 * (`channel = 'ministry'`, one message per certificate, in the same transaction that marks them 上报中); the
 * certificate worker hands pending messages to the gateway and records 已上报 / 上报失败 with the ministry's reason;
 * failed ones can be retried. Raw SQL updates keep the certificate's `version` (revocation's optimistic lock) intact.
 */
@Injectable()
export class MinistryReportService {
  private readonly log = new Logger('MinistryReport');
  /** Set by the worker: starts a delivery round now. */
  onQueued: (() => void) | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditLogService,
    private readonly gateway: MinistryGateway,
  ) {}

  private assertOffice(user: AuthUser) {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以上报证书');
  }

  private scoped(user: AuthUser) {
    const qb = this.ds.getRepository(Certificate).createQueryBuilder('c').leftJoin('organisations', 'io', 'io.id = c.issuer_org_id');
    return this.access.scopeQuery(qb, user, { orgId: 'c.issuer_org_id', regionCode: 'io.region_code' });
  }

  async summary(user: AuthUser) {
    this.assertOffice(user);
    const rows: { s: ReportedStatus; n: number }[] = await this.scoped(user)
      .andWhere(`(c.reported_status NOT IN ('unreported', 'failed') OR ${MINISTRY_REPORTABLE})`)
      .select('c.reported_status', 's').addSelect('COUNT(*)::int', 'n').groupBy('c.reported_status').getRawMany();
    const out: Record<ReportedStatus, number> = { unreported: 0, pending: 0, reported: 0, failed: 0 };
    for (const r of rows) out[r.s] = r.n;
    return out;
  }

  /** 批量上报 (selected) / 全部上报 (all unreported). */
  report(user: AuthUser, dto: MinistryReportDto) {
    return this.enqueue(user, dto, ['unreported', 'failed'], ['unreported'], 'certificate.ministry_report');
  }

  /** 重新上报: the selected failed ones, or all failed ones. */
  retry(user: AuthUser, dto: MinistryReportDto) {
    return this.enqueue(user, dto, ['failed'], ['failed'], 'certificate.ministry_report.retry');
  }

  private async enqueue(user: AuthUser, dto: MinistryReportDto, selectedFrom: ReportedStatus[], allFrom: ReportedStatus[], action: string) {
    this.assertOffice(user);
    if (!dto.all && !dto.certificateIds?.length) throw AppException.validation({ certificateIds: '请选择要上报的证书' });
    const from = dto.all ? allFrom : selectedFrom;
    let queued = 0;
    let requested = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    const selected = dto.all ? null : [...new Set(dto.certificateIds)];
    for (;;) {
      const qb = this.scoped(user).select('c.id', 'id').andWhere('c.reported_status = ANY(:from)', { from }).andWhere(MINISTRY_REPORTABLE).andWhere('c.id > :after', { after });
      if (selected) qb.andWhere('c.id = ANY(:ids)', { ids: selected });
      const ids = (await qb.orderBy('c.id', 'ASC').limit(CHUNK).getRawMany<{ id: string }>()).map((r) => r.id);
      if (!ids.length) break;
      after = ids[ids.length - 1]!;
      requested += ids.length;
      queued += await this.ds.transaction(async (m) => {
        const [r] = (await m.query(
          `WITH u AS (
             UPDATE certificates SET reported_status = 'pending', report_error = NULL
              WHERE id = ANY($1::uuid[]) AND reported_status = ANY($2::text[]) AND (status = 'valid' OR reported_at IS NOT NULL)
             RETURNING id, certificate_no),
           ins AS (
             INSERT INTO outbox_messages (channel, event, recipient, subject, body, status)
             SELECT 'ministry', 'certificate.ministry_report', $3, '证书上报 ' || certificate_no, json_build_object('certificateId', id, 'certificateNo', certificate_no)::text, 'pending'
               FROM u
             RETURNING body)
           SELECT count(*)::int AS n, coalesce(array_agg(body::json->>'certificateNo'), '{}') AS nos FROM ins`,
          [ids, from, RECIPIENT],
        )) as { n: number; nos: string[] }[];
        if (r!.n) {
          await this.audit.record(
            { actor: user, action, targetType: 'certificate', targetId: null, before: { reportedStatus: from }, after: { reportedStatus: 'pending', count: r!.n, certificateNos: r!.nos } },
            m,
          );
        }
        return r!.n;
      });
      if (ids.length < CHUNK) break;
    }
    if (selected && requested === 0) {
      throw AppException.conflict(from.includes('unreported') ? '所选证书均已上报、正在上报或在上报前已撤销' : '所选证书中没有需要重新上报的失败证书');
    }
    if (queued) this.onQueued?.();
    return { queued, skipped: (selected?.length ?? requested) - queued };
  }

  /**
   * Delivers pending ministry messages, oldest first, a chunk per transaction (rows locked with SKIP LOCKED, so
   * several API processes share the work without sending a message twice).
   */
  async dispatchPending(stop: () => boolean = () => false): Promise<number> {
    let delivered = 0;
    while (!stop()) {
      const n = await this.ds.transaction(async (m) => {
        const msgs: { id: string; body: string }[] = await m.query(
          `SELECT id, body FROM outbox_messages WHERE channel = 'ministry' AND status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [CHUNK],
        );
        if (!msgs.length) return 0;
        const byCert = new Map<string, string>();
        for (const msg of msgs) {
          try {
            byCert.set(String((JSON.parse(msg.body) as { certificateId: string }).certificateId), msg.id);
          } catch {
            /* malformed: marked failed below */
          }
        }
        const certs = await m.getRepository(Certificate).findBy({ id: In([...byCert.keys()]) });
        const records: MinistryRecord[] = certs.map((c) => ({
          certificateId: c.id, certificateNo: c.certificateNo, holderName: c.holderName, holderIdCard: this.crypto.decrypt(c.holderIdCardEnc),
          titleName: c.titleName, seriesCode: c.seriesCode, professionName: c.professionName, titleLevel: c.titleLevel,
          qualificationDate: c.qualificationDate, approvalDocNo: c.approvalDocNo, committeeName: c.committeeName, issuerCode: c.issuerCode,
          issuerName: c.issuerName, issueDate: c.issueDate, status: c.status,
          licenceTypeCode: LICENCE_TYPE.code, licenceIdentifier: licenceIdentifier(c),
        }));
        let answers: MinistryAnswer[];
        try {
          answers = records.length ? await this.gateway.send(records) : [];
        } catch (e) {
          const error = `部级接口调用失败：${e instanceof Error ? e.message : String(e)}`.slice(0, 500);
          answers = records.map((r) => ({ certificateId: r.certificateId, ok: false, error }));
        }
        const answered = new Map(answers.map((a) => [a.certificateId, a]));
        const msgIds: string[] = [];
        const msgStatus: string[] = [];
        const certIds: string[] = [];
        const certStatus: string[] = [];
        const certErr: (string | null)[] = [];
        for (const msg of msgs) {
          const certId = [...byCert].find(([, mid]) => mid === msg.id)?.[0];
          const a = certId ? answered.get(certId) : undefined;
          msgIds.push(msg.id);
          msgStatus.push(a?.ok ? 'sent' : 'failed');
          if (certId && certs.some((c) => c.id === certId)) {
            certIds.push(certId);
            certStatus.push(a?.ok ? 'reported' : 'failed');
            certErr.push(a?.ok ? null : (a?.error ?? '部级证书库未返回结果').slice(0, 500));
          }
        }
        await m.query(
          `UPDATE outbox_messages o SET status = v.status, attempts = o.attempts + 1, delivered_via = 'ministry',
                  sent_at = CASE WHEN v.status = 'sent' THEN $3::timestamptz END, failed_at = CASE WHEN v.status = 'failed' THEN $3::timestamptz END FROM unnest($1::uuid[], $2::text[]) AS v(id, status) WHERE o.id = v.id`,
          [msgIds, msgStatus, clock.now()],
        );
        await m.query(
          `UPDATE certificates c
              SET reported_status = v.status, report_error = v.err, report_attempts = c.report_attempts + 1,
                  reported_at = CASE WHEN v.status = 'reported' THEN $4::timestamptz ELSE c.reported_at END
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, status, err)
            WHERE c.id = v.id AND c.reported_status = 'pending'`,
          [certIds, certStatus, certErr, clock.now()],
        );
        const ok = certStatus.filter((s) => s === 'reported').length;
        await this.audit.record(
          { actor: null, action: 'certificate.ministry_report.result', targetType: 'certificate', targetId: null, after: { reported: ok, failed: certIds.length - ok } },
          m,
        );
        return msgs.length;
      });
      if (!n) break;
      delivered += n;
    }
    if (delivered) this.log.log(`ministry report: ${delivered} message(s) delivered`);
    return delivered;
  }
}
