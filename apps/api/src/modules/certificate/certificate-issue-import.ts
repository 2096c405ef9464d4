import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeIdCard, validateIdCard } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, type RawRow, type RowImporter, type RowResult } from '../../common/excel/excel.service.js';

export const CERT_ISSUE_IMPORT_KIND = 'certificate-issue';

interface Ctx {
  user: AuthUser;
  /** Blind index of an ID number → the row it first appeared on. */
  seen: Map<string, number>;
}

/**
 * A-17 "批量导入": an Excel file names the people to certify (姓名 + 身份证号, optionally 备案文号 when a person has
 * more than one filed declaration). Each row is validated against the filed-and-passed declarations in the office's
 * scope (one query per chunk of rows); the good rows become an issuance batch (`POST /certificates/issue-batches`
 * with `source: 'import'`), never through the generic import commit.
 */
@Injectable()
export class CertificateIssueImporter implements RowImporter<Ctx>, OnModuleInit {
  readonly kind = CERT_ISSUE_IMPORT_KIND;
  readonly title = '证书发放';
  readonly columns = [
    { key: 'name', header: '姓名', width: 12 },
    { key: 'idCard', header: '身份证号', width: 22 },
    { key: 'filingDocNo', header: '备案文号', width: 26 },
  ];
  readonly example = { name: '张三', idCard: '320102199003071239', filingDocNo: '苏职称备〔2026〕1号' };

  constructor(
    private readonly ds: DataSource,
    private readonly excel: ExcelService,
    private readonly access: AccessService,
    private readonly crypto: CryptoService,
  ) {}

  onModuleInit() {
    this.excel.register(this);
  }

  async prepare(user: AuthUser): Promise<Ctx> {
    return { user, seen: new Map() };
  }

  async validateChunk(rows: RawRow[], ctx: Ctx): Promise<RowResult[]> {
    const parsed = rows.map((r) => {
      const name = (r.values.name ?? '').trim();
      const idCard = normalizeIdCard(r.values.idCard ?? '');
      const filingDocNo = (r.values.filingDocNo ?? '').trim();
      let error: string | null;
      if (!name) error = '姓名不能为空';
      else if (name.length > 32) error = '姓名过长';
      else if (!idCard) error = '身份证号不能为空';
      else error = validateIdCard(idCard);
      if (!error && filingDocNo.length > 64) error = '备案文号过长';
      const hash = error ? '' : this.crypto.blindIndex(idCard);
      return { rowNo: r.rowNo, name, filingDocNo, hash, error };
    });
    const hashes = [...new Set(parsed.filter((p) => !p.error).map((p) => p.hash))];
    const people: { hash: string; real_name: string }[] = hashes.length
      ? await this.ds.query('SELECT id_card_hash AS hash, real_name FROM users WHERE id_card_hash = ANY($1)', [hashes])
      : [];
    const names = new Map<string, string[]>();
    for (const p of people) names.set(p.hash, [...(names.get(p.hash) ?? []), p.real_name]);
    const qb = this.ds
      .createQueryBuilder()
      .select(['d.id AS id', 'u.id_card_hash AS hash', 'u.real_name AS real_name', 'd.filing_doc_no AS filing_doc_no'])
      .from('declarations', 'd')
      .innerJoin('users', 'u', 'u.id = d.applicant_user_id')
      .where(`d.status = 'filed' AND d.review_passed IS TRUE`)
      .andWhere('u.id_card_hash = ANY(:hashes)', { hashes: hashes.length ? hashes : [''] });
    this.access.scopeQuery(qb, ctx.user, { orgId: 'd.unit_org_id', regionCode: 'd.region_code' });
    const decls: { id: string; hash: string; real_name: string; filing_doc_no: string | null }[] = hashes.length ? await qb.getRawMany() : [];
    const byHash = new Map<string, typeof decls>();
    for (const d of decls) byHash.set(d.hash, [...(byHash.get(d.hash) ?? []), d]);
    return parsed.map((p): RowResult => {
      if (p.error) return { rowNo: p.rowNo, ok: false, error: p.error };
      const known = names.get(p.hash);
      if (!known) return { rowNo: p.rowNo, ok: false, error: '系统中没有该身份证号的人员' };
      if (!known.includes(p.name)) return { rowNo: p.rowNo, ok: false, error: '姓名与身份证号不一致' };
      let ds = (byHash.get(p.hash) ?? []).filter((d) => d.real_name === p.name);
      if (p.filingDocNo) ds = ds.filter((d) => d.filing_doc_no === p.filingDocNo);
      if (!ds.length) {
        return { rowNo: p.rowNo, ok: false, error: p.filingDocNo ? '该人员在此备案文号下没有已备案且评审通过的申报' : '该人员没有本地区已备案且评审通过的申报' };
      }
      if (ds.length > 1) return { rowNo: p.rowNo, ok: false, error: '该人员有多条可发证的申报，请填写备案文号' };
      const key = `${p.hash}|${ds[0]!.id}`;
      const first = ctx.seen.get(key);
      if (first !== undefined) return { rowNo: p.rowNo, ok: false, error: `与第 ${first} 行重复` };
      ctx.seen.set(key, p.rowNo);
      return { rowNo: p.rowNo, ok: true, data: { declarationId: ds[0]!.id, name: p.name } };
    });
  }

  async commitChunk(): Promise<void> {
    throw AppException.conflict('证书发放导入请在“证书发放”页面提交发证');
  }
}
