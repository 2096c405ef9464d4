import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolNumberPattern, type NumberPool, type Page, type PoolCertificate } from '@zhicheng/contracts';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import type { GenerateNumberRangeDto, NumberPoolQueryDto, PoolCertificatesQueryDto } from './dto/number-pool.dto.js';

interface PoolRow {
  issuer_code: string;
  issuer_name: string;
  year: number;
  start_seq: number;
  next_seq: number;
  end_seq: number;
  extend_by: number;
}

/**
 * A-12 证书编号生成: the number pools of the issuers in the administrator's scope — what each range holds, how much
 * is used — a new range for an issuer and year (or a longer one), and the certificates numbered from a pool.
 * Allocation itself stays in `allocateSeq` (certificate-issuer.service.ts): one atomic UPDATE per number.
 */
@Injectable()
export class NumberPoolService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
  ) {}

  private toPool(r: PoolRow): NumberPool {
    return {
      issuerCode: r.issuer_code.trim(),
      issuerName: r.issuer_name,
      year: r.year,
      startSeq: r.start_seq,
      endSeq: r.end_seq,
      nextSeq: r.next_seq,
      used: r.next_seq - r.start_seq,
      remaining: Math.max(0, r.end_seq - r.next_seq + 1),
      extendBy: r.extend_by,
      firstNo: poolNumberPattern(r.issuer_code.trim(), r.year, r.start_seq),
      lastNo: poolNumberPattern(r.issuer_code.trim(), r.year, r.end_seq),
    };
  }

  /** The issuer of a code, in the user's scope (404 unknown code, 403 outside the scope). */
  private async issuer(user: AuthUser, issuerCode: string, m = this.ds.manager): Promise<{ organisationId: string; name: string }> {
    const rows = (await m.query(
      `SELECT i.organisation_id, o.name FROM issuers i JOIN organisations o ON o.id = i.organisation_id WHERE i.issuer_code = $1`,
      [issuerCode],
    )) as { organisation_id: string; name: string }[];
    if (!rows[0]) throw AppException.validation({ issuerCode: '没有该编码的发证单位' }, '没有该编码的发证单位');
    await this.access.assertOrgInScope(user, rows[0].organisation_id, m);
    return { organisationId: rows[0].organisation_id, name: rows[0].name };
  }

  async list(user: AuthUser, q: NumberPoolQueryDto): Promise<NumberPool[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.year) where.push(`p.year = $${params.push(q.year)}`);
    const prefix = this.access.regionPrefix(user);
    if (prefix !== null) where.push(`o.region_code LIKE $${params.push(`${prefix}%`)}`);
    else where.push(`o.id = $${params.push(user.organisationId)}`);
    const rows = (await this.ds.query(
      `SELECT p.issuer_code, o.name AS issuer_name, p.year, p.start_seq, p.next_seq, p.end_seq, p.extend_by
         FROM certificate_number_pools p
         JOIN issuers i ON i.issuer_code = p.issuer_code
         JOIN organisations o ON o.id = i.organisation_id
        WHERE ${where.join(' AND ')}
        ORDER BY p.year DESC, p.issuer_code`,
      params,
    )) as PoolRow[];
    return rows.map((r) => this.toPool(r));
  }

  /**
   * 生成号段: creates the pool of (issuer, year) with [startSeq, endSeq], or, for an existing pool, moves its end to
   * `endSeq` (never below what is already handed out, never shorter than it is). Audited.
   */
  async generate(user: AuthUser, dto: GenerateNumberRangeDto): Promise<NumberPool> {
    return this.ds.transaction(async (m) => {
      const issuer = await this.issuer(user, dto.issuerCode, m);
      const existing = (await m.query(
        `SELECT issuer_code, year, start_seq, next_seq, end_seq, extend_by FROM certificate_number_pools WHERE issuer_code = $1 AND year = $2 FOR UPDATE`,
        [dto.issuerCode, dto.year],
      )) as Omit<PoolRow, 'issuer_name'>[];
      const before = existing[0];
      if (before) {
        if (dto.startSeq !== undefined && dto.startSeq !== before.start_seq) {
          throw AppException.validation({ startSeq: `该号段已存在，起始序号为${before.start_seq}，只能延长结束序号` });
        }
        if (dto.endSeq <= before.end_seq) throw AppException.validation({ endSeq: `结束序号应大于当前的${before.end_seq}` });
        await m.query(`UPDATE certificate_number_pools SET end_seq = $3 WHERE issuer_code = $1 AND year = $2`, [
          dto.issuerCode,
          dto.year,
          dto.endSeq,
        ]);
      } else {
        const start = dto.startSeq ?? 1;
        if (dto.endSeq < start) throw AppException.validation({ endSeq: '结束序号不能小于起始序号' });
        // numbers already taken by this issuer and year (e.g. entered by hand before the pool) may not be handed out again
        const taken = (await m.query(
          `SELECT count(*)::int AS n FROM certificates WHERE issuer_code = $1 AND substr(certificate_no, 5, 4) = $2
              AND (CASE WHEN certificate_no ~ '^[0-9]{15,}$' THEN substr(certificate_no, 10)::int END) BETWEEN $3 AND $4`,
          [dto.issuerCode, String(dto.year), start, dto.endSeq],
        )) as { n: number }[];
        if (taken[0]!.n > 0) throw AppException.validation({ startSeq: `该范围内已有${taken[0]!.n}个证书编号被使用，请调整起始序号` });
        await m.query(
          `INSERT INTO certificate_number_pools (issuer_code, year, start_seq, next_seq, end_seq, extend_by) VALUES ($1, $2, $3, $3, $4, 10000)`,
          [dto.issuerCode, dto.year, start, dto.endSeq],
        );
      }
      const row = (await m.query(
        `SELECT issuer_code, year, start_seq, next_seq, end_seq, extend_by FROM certificate_number_pools WHERE issuer_code = $1 AND year = $2`,
        [dto.issuerCode, dto.year],
      )) as Omit<PoolRow, 'issuer_name'>[];
      await this.audit.record(
        {
          actor: user,
          action: 'certificate.number_range.generate',
          targetType: 'certificate_number_pool',
          targetId: `${dto.issuerCode}-${dto.year}`,
          before: before ? { startSeq: before.start_seq, endSeq: before.end_seq } : null,
          after: { startSeq: row[0]!.start_seq, endSeq: row[0]!.end_seq },
        },
        m,
      );
      return this.toPool({ ...row[0]!, issuer_name: issuer.name });
    });
  }

  /** The certificates numbered from the pool of (issuer, year), in number order. */
  async certificates(user: AuthUser, issuerCode: string, year: number, q: PoolCertificatesQueryDto): Promise<Page<PoolCertificate>> {
    await this.issuer(user, issuerCode);
    const params = [issuerCode, String(year)];
    const where = `issuer_code = $1 AND substr(certificate_no, 5, 4) = $2 AND kind <> 'historical'`;
    const [count] = (await this.ds.query(`SELECT count(*)::int AS n FROM certificates WHERE ${where}`, params)) as { n: number }[];
    const rows = (await this.ds.query(
      `SELECT id, certificate_no, holder_name, title_name, issue_date::text AS issue_date, status FROM certificates
        WHERE ${where} ORDER BY certificate_no LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    )) as {
      id: string;
      certificate_no: string;
      holder_name: string;
      title_name: string;
      issue_date: string;
      status: 'valid' | 'revoked';
    }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        certificateNo: r.certificate_no,
        holderName: r.holder_name,
        titleName: r.title_name,
        issueDate: r.issue_date,
        status: r.status,
      })),
      total: count!.n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
