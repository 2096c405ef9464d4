import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { FastifyReply } from 'fastify';
import { Role, TITLE_LEVEL_LABELS, maskIdCard, type TitleLevel } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import { ImportJob, ImportRow } from '../../common/excel/import-job.entity.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { CERT_ISSUE_IMPORT_KIND } from './certificate-issue-import.js';
import { JobsService } from '../../common/jobs/jobs.service.js';
import { BATCH_JOB } from './certificate-worker.service.js';
import { CertificateIssueBatch, CertificateIssueBatchItem, type IssueBatchSource } from './entities/certificate-issue-batch.entity.js';
import type { CreateIssueBatchDto, IssuableFilterDto, IssuableQueryDto, IssueBatchItemsQueryDto } from './dto/certificate.dto.js';

export const SOURCE_LABELS: Record<IssueBatchSource, string> = { selection: '勾选发证', filing_doc: '按备案文号发证', query: '按查询条件批量发证', import: 'Excel导入发证' };
export const ITEM_STATUS_LABELS: Record<string, string> = { pending: '待发证', issued: '已发证', existing: '此前已发证', failed: '失败' };
const BATCH_STATUS_LABELS: Record<string, string> = { pending: '排队中', running: '发证中', done: '已完成' };
const levelLabel = (l: string) => TITLE_LEVEL_LABELS[l as TitleLevel] ?? l;

/** Most declarations one batch takes (the issue's 10,000 plus room). */
export const MAX_BATCH_ITEMS = 20000;

/** Inserting items: rows per INSERT (5 parameters each, well below PostgreSQL's 65,535). */
const INSERT_CHUNK = 2000;

/**
 * issuance batches: resolves a source (selection, filing document number, query condition, Excel import)
 * to filed-and-passed declarations in the office's scope, stores the batch and its items, and answers its progress.
 * The work itself is a `certificate.batch` job (`CertificateWorker`), done by any API process.
 */
@Injectable()
export class CertificateBatchService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditLogService,
    private readonly excel: ExcelService,
    private readonly jobs: JobsService,
  ) {}

  assertOffice(user: AuthUser) {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以发证');
  }

  /** Filed declarations whose review passed, in the user's scope (the unit's organisation or the region sub-tree). */
  private eligible(user: AuthUser, f: IssuableFilterDto = {}, m: EntityManager = this.ds.manager): SelectQueryBuilder<Record<string, unknown>> {
    const qb = m
      .createQueryBuilder()
      .from('declarations', 'd')
      .where(`d.status = 'filed' AND d.review_passed IS TRUE`);
    this.access.scopeQuery(qb, user, { orgId: 'd.unit_org_id', regionCode: 'd.region_code' });
    if (f.batchId) qb.andWhere('d.batch_id = :batchId', { batchId: f.batchId });
    if (f.year) qb.andWhere('d.year = :year', { year: f.year });
    if (f.committeeId) qb.andWhere('d.committee_id = :committeeId', { committeeId: f.committeeId });
    if (f.seriesCode) qb.andWhere('d.series_code = :seriesCode', { seriesCode: f.seriesCode });
    if (f.titleLevel) qb.andWhere('d.title_level = :titleLevel', { titleLevel: f.titleLevel });
    if (f.filingDocNo?.trim()) qb.andWhere('d.filing_doc_no = :filingDocNo', { filingDocNo: f.filingDocNo.trim() });
    if (f.name?.trim()) {
      qb.andWhere('EXISTS (SELECT 1 FROM users nu WHERE nu.id = d.applicant_user_id AND nu.real_name LIKE :nm)', { nm: `%${f.name.trim()}%` });
    }
    if (f.issued === 'yes') qb.andWhere('EXISTS (SELECT 1 FROM certificates ic WHERE ic.source_declaration_id = d.id)');
    if (f.issued === 'no') qb.andWhere('NOT EXISTS (SELECT 1 FROM certificates ic WHERE ic.source_declaration_id = d.id)');
    return qb;
  }

  async countEligible(user: AuthUser, f: IssuableFilterDto): Promise<number> {
    const r = await this.eligible(user, f).select('COUNT(*)::int', 'n').getRawOne<{ n: number }>();
    return r?.n ?? 0;
  }

  /** The issuing screen's list: filed-and-passed declarations with their certificate, if any. */
  async listIssuable(user: AuthUser, q: IssuableQueryDto) {
    this.assertOffice(user);
    const total = await this.countEligible(user, q);
    const rows: {
      id: string; real_name: string; id_card_enc: string | null; title_name: string; series_code: string; title_level: string; profession_name: string | null;
      committee_name: string; batch_name: string; year: number; filing_doc_no: string | null; filed_on: string | null; certificate_no: string | null; certificate_id: string | null;
    }[] = await this.eligible(user, q)
      .select(['d.id AS id', 'u.real_name AS real_name', 'u.id_card_enc AS id_card_enc', 't.name AS title_name', 'd.series_code AS series_code', 'd.title_level AS title_level'])
      .addSelect(['p.name AS profession_name', 'o.name AS committee_name', 'b.name AS batch_name', 'd.year AS year', 'd.filing_doc_no AS filing_doc_no'])
      .addSelect(["to_char(d.filed_on, 'YYYY-MM-DD') AS filed_on", 'c.certificate_no AS certificate_no', 'c.id AS certificate_id'])
      .innerJoin('users', 'u', 'u.id = d.applicant_user_id')
      .innerJoin('titles', 't', 't.id = d.title_id')
      .innerJoin('organisations', 'o', 'o.id = d.committee_id')
      .innerJoin('batches', 'b', 'b.id = d.batch_id')
      .leftJoin('professions', 'p', 'p.code = d.profession_code')
      .leftJoin('certificates', 'c', 'c.source_declaration_id = d.id')
      .orderBy('d.filed_on', 'DESC', 'NULLS LAST')
      .addOrderBy('d.id', 'ASC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany();
    return {
      items: rows.map((r) => ({
        id: r.id,
        applicantName: r.real_name,
        idCard: r.id_card_enc ? maskIdCard(this.crypto.decrypt(r.id_card_enc)) : '',
        titleName: r.title_name,
        seriesCode: r.series_code,
        titleLevel: r.title_level,
        titleLevelLabel: levelLabel(r.title_level),
        professionName: r.profession_name ?? '',
        committeeName: r.committee_name,
        batchName: r.batch_name,
        year: r.year,
        filingDocNo: r.filing_doc_no,
        filedOn: r.filed_on,
        certificateId: r.certificate_id,
        certificateNo: r.certificate_no,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // ---------- creating a batch ----------

  async create(user: AuthUser, dto: CreateIssueBatchDto) {
    this.assertOffice(user);
    await this.access.assertOrgInScope(user, dto.issuerOrgId);
    const issuer: { code: string }[] = await this.ds.query('SELECT issuer_code AS code FROM issuers WHERE organisation_id = $1', [dto.issuerOrgId]);
    if (!issuer[0]) throw AppException.validation({ issuerOrgId: '该机构未配置发证单位代码，不能发证' });
    let ids: { id: string; rowNo: number | null }[];
    let label: string;
    let criteria: Record<string, unknown>;
    switch (dto.source) {
      case 'selection': {
        if (!dto.declarationIds?.length) throw AppException.validation({ declarationIds: '请选择要发证的申报' });
        const wanted = [...new Set(dto.declarationIds)];
        const found: { id: string }[] = await this.eligible(user).select('d.id', 'id').andWhere('d.id = ANY(:ids)', { ids: wanted }).getRawMany();
        if (found.length !== wanted.length) {
          throw AppException.validation(
            { declarationIds: `所选申报中有 ${wanted.length - found.length} 条不是本地区已备案且评审通过的申报` },
            '所选申报中有不能发证的记录，请刷新后重新选择',
          );
        }
        const order = new Map(wanted.map((id, i) => [id, i]));
        ids = found.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map((r) => ({ id: r.id, rowNo: null }));
        label = `勾选 ${ids.length} 人`;
        criteria = { count: ids.length };
        break;
      }
      case 'filing_doc': {
        const no = dto.filingDocNo?.trim();
        if (!no) throw AppException.validation({ filingDocNo: '请输入备案文号' });
        ids = await this.resolveFilter(user, { filingDocNo: no });
        if (!ids.length) throw AppException.validation({ filingDocNo: '没有找到该备案文号下已备案且评审通过的申报' });
        label = `备案文号：${no}`;
        criteria = { filingDocNo: no };
        break;
      }
      case 'query': {
        const f = dto.filters ?? {};
        if (dto.expectedCount === undefined) throw AppException.validation({ expectedCount: '请先查询并确认发证人数' });
        ids = await this.resolveFilter(user, f);
        if (!ids.length) throw AppException.validation({ filters: '没有符合条件的已备案且评审通过的申报' });
        if (ids.length !== dto.expectedCount) {
          throw AppException.conflict(`符合条件的人数已变化（现为 ${ids.length} 人，确认时为 ${dto.expectedCount} 人），请重新查询并确认`);
        }
        label = `按查询条件：${await this.describeFilter(f)}（${ids.length} 人）`;
        criteria = { filters: { ...f } };
        break;
      }
      case 'import': {
        if (!dto.importJobId) throw AppException.validation({ importJobId: '请先上传导入文件' });
        ids = [];
        label = '';
        criteria = { importJobId: dto.importJobId };
        break;
      }
    }
    const batch = await this.ds.transaction(async (m) => {
      // The import's claim, its rows and the batch commit together: a crash in between leaves the import previewed.
      if (dto.source === 'import') {
        ids = await this.claimImport(user, dto.importJobId!, m);
        label = `Excel导入（${ids.length} 人）`;
      }
      if (ids.length > MAX_BATCH_ITEMS) throw AppException.validation({ source: `一次最多发证 ${MAX_BATCH_ITEMS} 人，请缩小范围` });
      const b = await m.getRepository(CertificateIssueBatch).save({
        issuerOrgId: dto.issuerOrgId,
        createdById: user.id,
        source: dto.source,
        sourceLabel: label.slice(0, 500),
        criteria,
        approvalDocNo: dto.approvalDocNo?.trim() || null,
        qualificationDate: dto.qualificationDate ?? null,
        issueDate: dto.issueDate ?? null,
        status: 'pending',
        total: ids.length,
      });
      for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
        const part = ids.slice(i, i + INSERT_CHUNK);
        await m
          .createQueryBuilder()
          .insert()
          .into(CertificateIssueBatchItem)
          .values(part.map((r, k) => ({ batchId: b.id, seq: i + k + 1, declarationId: r.id, rowNo: r.rowNo, status: 'pending' as const })))
          .execute();
      }
      await this.audit.record(
        { actor: user, action: 'certificate.batch.create', targetType: 'certificate_issue_batch', targetId: b.id, after: { source: dto.source, label, total: ids.length, approvalDocNo: b.approvalDocNo } },
        m,
      );
      // The batch's job, in the same transaction: it exists exactly when the batch does.
      await this.jobs.send(BATCH_JOB, { batchId: b.id }, { manager: m });
      return b;
    });
    return this.toDto(batch);
  }

  private async resolveFilter(user: AuthUser, f: IssuableFilterDto) {
    const rows: { id: string }[] = await this.eligible(user, f).select('d.id', 'id').orderBy('d.filed_on', 'ASC', 'NULLS LAST').addOrderBy('d.id', 'ASC').limit(MAX_BATCH_ITEMS + 1).getRawMany();
    return rows.map((r) => ({ id: r.id, rowNo: null }));
  }

  /** The batch's label in words: the series by its Chinese name (工程技术), never its code. */
  private async describeFilter(f: IssuableFilterDto): Promise<string> {
    const parts: string[] = [];
    if (f.year) parts.push(`${f.year}年度`);
    if (f.batchId) parts.push('指定批次');
    if (f.committeeId) parts.push('指定评委会');
    if (f.seriesCode) {
      const rows = (await this.ds.query('SELECT name FROM professions WHERE code = $1 AND parent_id IS NULL LIMIT 1', [f.seriesCode])) as { name: string }[];
      parts.push(`系列 ${rows[0]?.name ?? f.seriesCode}`);
    }
    if (f.titleLevel) parts.push(levelLabel(f.titleLevel));
    if (f.filingDocNo) parts.push(`备案文号 ${f.filingDocNo}`);
    if (f.name) parts.push(`姓名含“${f.name}”`);
    if (f.issued === 'no') parts.push('未发证');
    if (f.issued === 'yes') parts.push('已发证');
    return parts.join('，') || '全部';
  }

  /** The good rows of a previewed certificate import become the batch's items; the import is then committed (once). */
  private async claimImport(user: AuthUser, jobId: string, m: EntityManager): Promise<{ id: string; rowNo: number | null }[]> {
    const job = await m.getRepository(ImportJob).findOne({ where: { id: jobId } });
    if (!job || job.userId !== user.id || job.kind !== CERT_ISSUE_IMPORT_KIND) throw AppException.notFound('导入记录');
    const claimed = await m
      .createQueryBuilder()
      .update(ImportJob)
      .set({ status: 'committed' })
      .where('id = :id AND status = :s', { id: jobId, s: 'previewed' })
      .execute();
    if (!claimed.affected) throw AppException.conflict('该导入已提交发证，不能重复提交');
    const rows = await m.getRepository(ImportRow).find({ where: { jobId, ok: true }, order: { rowNo: 'ASC' } });
    const ids = new Map<string, number>();
    for (const r of rows) {
      const id = String(r.data.declarationId);
      if (!ids.has(id)) ids.set(id, r.rowNo);
    }
    // Thrown inside the transaction: the claim above is rolled back with it.
    if (!ids.size) throw AppException.validation({ importJobId: '导入文件中没有校验通过的记录' });
    // Still eligible now (the preview may be older than a change of the declaration)?
    const still: { id: string }[] = await this.eligible(user, {}, m).select('d.id', 'id').andWhere('d.id = ANY(:ids)', { ids: [...ids.keys()] }).getRawMany();
    const ok = new Set(still.map((r) => r.id));
    await m.getRepository(ImportJob).update(jobId, { committed: ok.size });
    return [...ids].filter(([id]) => ok.has(id)).map(([id, rowNo]) => ({ id, rowNo }));
  }

  // ---------- reading batches ----------

  private scopedBatches(user: AuthUser) {
    const qb = this.ds.getRepository(CertificateIssueBatch).createQueryBuilder('b').leftJoin('organisations', 'io', 'io.id = b.issuer_org_id');
    return this.access.scopeQuery(qb, user, { orgId: 'b.issuer_org_id', regionCode: 'io.region_code' });
  }

  toDto(b: CertificateIssueBatch) {
    const done = b.issued + b.existing + b.failed;
    return {
      id: b.id,
      source: b.source,
      sourceLabel: SOURCE_LABELS[b.source],
      description: b.sourceLabel,
      approvalDocNo: b.approvalDocNo,
      status: b.status,
      statusLabel: BATCH_STATUS_LABELS[b.status] ?? b.status,
      total: b.total,
      done,
      issued: b.issued,
      existing: b.existing,
      failed: b.failed,
      percent: b.total ? Math.floor((done * 100) / b.total) : 100,
      createdAt: b.createdAt.toISOString(),
      finishedAt: b.finishedAt ? b.finishedAt.toISOString() : null,
    };
  }

  async list(user: AuthUser, q: { page: number; pageSize: number }) {
    this.assertOffice(user);
    const [rows, total] = await this.scopedBatches(user)
      .orderBy('b.created_at', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((b) => this.toDto(b)), total, page: q.page, pageSize: q.pageSize };
  }

  async get(user: AuthUser, id: string) {
    this.assertOffice(user);
    const b = await this.scopedBatches(user).andWhere('b.id = :id', { id }).getOne();
    if (!b) throw AppException.notFound('发证批次');
    return b;
  }

  async items(user: AuthUser, id: string, q: IssueBatchItemsQueryDto) {
    await this.get(user, id);
    const total = await this.itemsQuery(id, q.status).select('COUNT(*)::int', 'n').getRawOne<{ n: number }>();
    const rows = await this.itemRows(id, q);
    return { items: rows.map((r) => this.itemDto(r)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  }

  private itemsQuery(batchId: string, status?: string) {
    const qb = this.ds.createQueryBuilder().from('certificate_issue_batch_items', 'i').where('i.batch_id = :batchId', { batchId });
    if (status) qb.andWhere('i.status = :st', { st: status });
    return qb;
  }

  private itemRows(batchId: string, q: { page: number; pageSize: number; status?: string }, m: EntityManager = this.ds.manager): Promise<ItemRow[]> {
    return m.query(
      `SELECT i.seq, i.row_no, i.status, i.certificate_no, i.error, u.real_name, u.id_card_enc, t.name AS title_name
         FROM certificate_issue_batch_items i
         JOIN declarations d ON d.id = i.declaration_id
         JOIN users u ON u.id = d.applicant_user_id
         JOIN titles t ON t.id = d.title_id
        WHERE i.batch_id = $1 AND ($2::text IS NULL OR i.status = $2)
        ORDER BY i.seq
        OFFSET $3 LIMIT $4`,
      [batchId, q.status ?? null, (q.page - 1) * q.pageSize, q.pageSize],
    );
  }

  private itemDto(r: ItemRow) {
    return {
      seq: r.seq,
      rowNo: r.row_no,
      applicantName: r.real_name,
      idCard: r.id_card_enc ? maskIdCard(this.crypto.decrypt(r.id_card_enc)) : '',
      titleName: r.title_name,
      status: r.status,
      statusLabel: ITEM_STATUS_LABELS[r.status] ?? r.status,
      certificateNo: r.certificate_no,
      error: r.error,
    };
  }

  /** The batch's result file: every item with its outcome (failures with their reason in Chinese). */
  async exportItems(user: AuthUser, id: string, reply: FastifyReply) {
    await this.get(user, id);
    const rows = paged((offset, limit) => this.itemRows(id, { page: offset / limit + 1, pageSize: limit }));
    const self = this;
    async function* mapped() {
      for await (const r of rows) {
        const d = self.itemDto(r);
        yield { seq: d.seq, rowNo: d.rowNo ?? '', name: d.applicantName, idCard: d.idCard, titleName: d.titleName, status: d.statusLabel, certificateNo: d.certificateNo ?? '', error: d.error ?? '' };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '发证结果.xlsx',
      [
        { key: 'seq', header: '序号', width: 8 },
        { key: 'rowNo', header: '导入行号', width: 10 },
        { key: 'name', header: '姓名', width: 12 },
        { key: 'idCard', header: '身份证号', width: 22 },
        { key: 'titleName', header: '职称名称', width: 20 },
        { key: 'status', header: '结果', width: 12 },
        { key: 'certificateNo', header: '证书编号', width: 20 },
        { key: 'error', header: '失败原因', width: 40 },
      ],
      mapped(),
    );
  }
}

interface ItemRow {
  seq: number;
  row_no: number | null;
  status: string;
  certificate_no: string | null;
  error: string | null;
  real_name: string;
  id_card_enc: string | null;
  title_name: string;
}
