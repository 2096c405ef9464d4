import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DECLARATION_KIND_LABELS,
  DECLARATION_MODULES,
  TITLE_LEVEL_LABELS,
  DeclarationKind,
  ErrorCode,
  OrgType,
  defaultAttachmentBytes,
  findDeclarationModule,
  type BatchDto,
  type BatchTemplateDto,
  type RegionDto,
  type TemplateModule,
  type TitleLevel,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import type { FastifyReply } from 'fastify';
import { Organisation } from '../organisations/entities/organisation.entity.js';
import type { BatchDtoIn, BatchQueryDto, CreateProfessionDto, CreateTitleDto, PutTemplateDto, UpdateBatchDto, UpdateProfessionDto, UpdateTitleDto } from './dto/reference.dto.js';
import { BatchModule } from './entities/batch-module.entity.js';
import { Batch } from './entities/batch.entity.js';
import { Profession } from './entities/profession.entity.js';
import { Region } from './entities/region.entity.js';
import { TitleSeries } from './entities/title-series.entity.js';
import { Title } from './entities/title.entity.js';
import { clock } from '../../common/clock/clock.service.js';

/** and the region catalogue: reference data every other domain reads. */
@Injectable()
export class ReferenceService {
  private regionCache: Map<string, Region> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly excel: ExcelService,
  ) {}

  // ---------- regions ----------

  /** Every region by code, cached in memory (about 3,600 rows, changed only by migrations). */
  async regionMap(): Promise<Map<string, Region>> {
    if (!this.regionCache) {
      const rows = await this.ds.getRepository(Region).find();
      this.regionCache = new Map(rows.map((r) => [r.code, r]));
    }
    return this.regionCache;
  }

  async assertRegion(code: string, field = 'regionCode'): Promise<Region> {
    const r = (await this.regionMap()).get(code);
    if (!r) throw AppException.validation({ [field]: '行政区划代码不存在' });
    return r;
  }

  /** Cascading picker: the children of `parent`, or the provinces. */
  async regions(q: { parent?: string; keyword?: string }): Promise<RegionDto[]> {
    const map = await this.regionMap();
    const all = [...map.values()];
    const parents = new Set(all.map((r) => r.parentCode));
    let rows: Region[];
    if (q.keyword) rows = all.filter((r) => r.name.includes(q.keyword!)).slice(0, 50);
    else rows = all.filter((r) => (q.parent ? r.parentCode === q.parent : r.level === 'province'));
    return rows
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, hasChildren: parents.has(r.code) }));
  }

  /** The region and its ancestors, for showing "江苏省 / 南京市 / 玄武区". */
  async regionPath(code: string): Promise<RegionDto[]> {
    const map = await this.regionMap();
    const out: RegionDto[] = [];
    for (let r = map.get(code); r; r = r.parentCode ? map.get(r.parentCode) : undefined) {
      out.unshift({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, hasChildren: r.level !== 'county' });
    }
    if (!out.length) throw AppException.notFound('行政区划');
    return out;
  }

  // ---------- professions (A-01) ----------

  async professions(q: { parentId?: string; keyword?: string }) {
    const qb = this.ds.getRepository(Profession).createQueryBuilder('p');
    if (q.keyword) qb.where('(p.name ILIKE :kw OR p.code ILIKE :kw)', { kw: `%${q.keyword}%` }).take(100);
    else if (q.parentId) qb.where('p.parent_id = :pid', { pid: q.parentId });
    else qb.where('p.parent_id IS NULL');
    const rows = await qb.orderBy('p.sort_order', 'ASC').addOrderBy('p.code', 'ASC').getMany();
    const withChildren = rows.length
      ? new Set(
          (
            await this.ds.query(`SELECT DISTINCT parent_id FROM professions WHERE parent_id = ANY($1)`, [rows.map((r) => r.id)])
          ).map((r: { parent_id: string }) => r.parent_id),
        )
      : new Set();
    return rows.map((p) => ({ ...this.professionDto(p), hasChildren: withChildren.has(p.id) }));
  }

  /** The whole tree (a few hundred nodes), nested. */
  async professionTree() {
    const rows = await this.ds.getRepository(Profession).find({ order: { depth: 'ASC', sortOrder: 'ASC', code: 'ASC' } });
    type Node = ReturnType<ReferenceService['professionDto']> & { children: Node[] };
    const nodes = new Map<string, Node>(rows.map((p) => [p.id, { ...this.professionDto(p), children: [] }]));
    const roots: Node[] = [];
    for (const p of rows) {
      const n = nodes.get(p.id)!;
      if (p.parentId && nodes.has(p.parentId)) nodes.get(p.parentId)!.children.push(n);
      else roots.push(n);
    }
    return roots;
  }

  private professionDto(p: Profession) {
    return { id: p.id, code: p.code, name: p.name, parentId: p.parentId, depth: p.depth, sortOrder: p.sortOrder };
  }

  async createProfession(user: AuthUser, dto: CreateProfessionDto) {
    if (!dto.parentId) {
      throw new AppException(400, ErrorCode.TopLevelLocked, '不能新增顶级专业类别，请在已有类别下新增专业', { parentId: '请选择上级专业类别' });
    }
    return this.ds.transaction(async (m) => {
      const parent = await m.getRepository(Profession).findOne({ where: { id: dto.parentId } });
      if (!parent) throw AppException.validation({ parentId: '上级专业不存在' });
      if (await m.getRepository(Profession).exists({ where: { code: dto.code } })) {
        throw AppException.conflict(`专业代码 ${dto.code} 已存在`);
      }
      const p = await m.getRepository(Profession).save({
        code: dto.code,
        name: dto.name.trim(),
        parentId: parent.id,
        depth: parent.depth + 1,
        sortOrder: dto.sortOrder ?? 0,
      });
      await this.audit.record({ actor: user, action: 'profession.create', targetType: 'profession', targetId: p.id, after: this.professionDto(p) }, m);
      return this.professionDto(p);
    });
  }

  async updateProfession(user: AuthUser, id: string, dto: UpdateProfessionDto) {
    return this.ds.transaction(async (m) => {
      const p = await m.getRepository(Profession).findOne({ where: { id } });
      if (!p) throw AppException.notFound('专业');
      if (p.depth === 0) throw new AppException(400, ErrorCode.TopLevelLocked, '顶级专业类别由系统维护，不能修改');
      const before = this.professionDto(p);
      if (dto.name !== undefined) p.name = dto.name.trim();
      if (dto.sortOrder !== undefined) p.sortOrder = dto.sortOrder;
      await m.save(p);
      await this.audit.record({ actor: user, action: 'profession.update', targetType: 'profession', targetId: id, before, after: this.professionDto(p) }, m);
      return this.professionDto(p);
    });
  }

  /** Refuses when the node is a top-level category, has children, or anything references its code. */
  async deleteProfession(user: AuthUser, id: string) {
    await this.ds.transaction(async (m) => {
      const p = await m.getRepository(Profession).findOne({ where: { id } });
      if (!p) throw AppException.notFound('专业');
      if (p.depth === 0) throw new AppException(400, ErrorCode.TopLevelLocked, '顶级专业类别由系统维护，不能删除');
      if (await m.getRepository(Profession).exists({ where: { parentId: id } })) {
        throw new AppException(409, ErrorCode.ReferenceInUse, `专业“${p.name}”下还有下级专业，请先删除下级专业`);
      }
      const refs = await this.professionReferences(m, p.code);
      if (refs.length) {
        throw new AppException(409, ErrorCode.ReferenceInUse, `专业“${p.name}”已被${refs.join('、')}引用，不能删除`);
      }
      await m.delete(Profession, id);
      await this.audit.record({ actor: user, action: 'profession.delete', targetType: 'profession', targetId: id, before: this.professionDto(p) }, m);
    });
  }

  private async professionReferences(m: EntityManager, code: string): Promise<string[]> {
    const checks: [string, string][] = [
      ['评委会评审范围', 'SELECT 1 FROM committee_professions WHERE profession_code = $1 LIMIT 1'],
      ['评委专家', 'SELECT 1 FROM expert_professions WHERE profession_code = $1 LIMIT 1'],
    ];
    const out: string[] = [];
    for (const [label, sql] of checks) if ((await m.query(sql, [code])).length) out.push(label);
    return out;
  }

  // ---------- title series and titles (A-02) ----------

  async series() {
    const rows = await this.ds.getRepository(TitleSeries).find({ order: { sortOrder: 'ASC' } });
    return rows.map((s) => ({ code: s.code, name: s.name }));
  }

  async titles(q: { seriesCode?: string; level?: TitleLevel }) {
    const where: Record<string, string> = {};
    if (q.seriesCode) where.seriesCode = q.seriesCode;
    if (q.level) where.level = q.level;
    const rows = await this.ds.getRepository(Title).find({ where, order: { seriesCode: 'ASC', level: 'ASC', ministryCode: 'ASC' } });
    return rows.map((t) => this.titleDto(t));
  }

  private titleDto(t: Title) {
    return { id: t.id, seriesCode: t.seriesCode, level: t.level, name: t.name, ministryCode: t.ministryCode };
  }

  async createTitle(user: AuthUser, dto: CreateTitleDto) {
    return this.ds.transaction(async (m) => {
      if (!(await m.getRepository(TitleSeries).exists({ where: { code: dto.seriesCode } }))) {
        throw AppException.validation({ seriesCode: '职称系列不存在（不能新增职称系列）' });
      }
      if (await m.getRepository(Title).exists({ where: { ministryCode: dto.ministryCode } })) {
        throw AppException.conflict(`人社部职称代码 ${dto.ministryCode} 已存在`);
      }
      const t = await m.getRepository(Title).save({ seriesCode: dto.seriesCode, level: dto.level, name: dto.name.trim(), ministryCode: dto.ministryCode });
      await this.audit.record({ actor: user, action: 'title.create', targetType: 'title', targetId: t.id, after: this.titleDto(t) }, m);
      return this.titleDto(t);
    });
  }

  async updateTitle(user: AuthUser, id: string, dto: UpdateTitleDto) {
    return this.ds.transaction(async (m) => {
      const t = await m.getRepository(Title).findOne({ where: { id } });
      if (!t) throw AppException.notFound('职称');
      const before = this.titleDto(t);
      if (dto.ministryCode && dto.ministryCode !== t.ministryCode) {
        if (await m.getRepository(Title).exists({ where: { ministryCode: dto.ministryCode } })) {
          throw AppException.conflict(`人社部职称代码 ${dto.ministryCode} 已存在`);
        }
        t.ministryCode = dto.ministryCode;
      }
      if (dto.name) t.name = dto.name.trim();
      await m.save(t);
      await this.audit.record({ actor: user, action: 'title.update', targetType: 'title', targetId: id, before, after: this.titleDto(t) }, m);
      return this.titleDto(t);
    });
  }

  async deleteTitle(user: AuthUser, id: string) {
    await this.ds.transaction(async (m) => {
      const t = await m.getRepository(Title).findOne({ where: { id } });
      if (!t) throw AppException.notFound('职称');
      if ((await m.query('SELECT 1 FROM experts WHERE title_id = $1 LIMIT 1', [id])).length) {
        throw new AppException(409, ErrorCode.ReferenceInUse, `职称“${t.name}”已被评委专家引用，不能删除`);
      }
      await m.delete(Title, id);
      await this.audit.record({ actor: user, action: 'title.delete', targetType: 'title', targetId: id, before: this.titleDto(t) }, m);
    });
  }

  // ---------- batches and templates (A-28) ----------

  private batchDto(b: Batch, committeeName?: string): BatchDto {
    return {
      id: b.id,
      name: b.name,
      year: b.year,
      kind: b.kind,
      committeeId: b.committeeId,
      committeeName,
      levels: b.levels,
      opensAt: b.opensAt.toISOString(),
      closesAt: b.closesAt.toISOString(),
      commitmentText: b.commitmentText,
      status: b.status,
      version: b.version,
    };
  }

  private batchQuery(user: AuthUser, q: Omit<BatchQueryDto, 'page' | 'pageSize'>) {
    const qb = this.ds
      .getRepository(Batch)
      .createQueryBuilder('b')
      .innerJoin(Organisation, 'o', 'o.id = b.committee_id')
      .addSelect('o.name', 'committee_name');
    this.access.scopeQuery(qb, user, { orgId: 'o.id', regionCode: 'o.region_code' });
    if (q.year) qb.andWhere('b.year = :year', { year: q.year });
    if (q.kind) qb.andWhere('b.kind = :kind', { kind: q.kind });
    if (q.committeeId) qb.andWhere('b.committee_id = :cid', { cid: q.committeeId });
    if (q.status) qb.andWhere('b.status = :status', { status: q.status });
    if (q.keyword) qb.andWhere('b.name ILIKE :kw', { kw: `%${q.keyword}%` });
    const sortCol = { year: 'b.year', opensAt: 'b.opens_at', closesAt: 'b.closes_at', name: 'b.name' }[q.sort ?? 'opensAt'] ?? 'b.opens_at';
    qb.orderBy(sortCol, q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('b.id', 'ASC');
    return qb;
  }

  async listBatches(user: AuthUser, q: BatchQueryDto) {
    const qb = this.batchQuery(user, q);
    const total = await qb.getCount();
    const { entities, raw } = await qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize).getRawAndEntities();
    return { items: entities.map((b, i) => this.batchDto(b, raw[i]?.committee_name)), total, page: q.page, pageSize: q.pageSize };
  }

  /** the batch list's current query as .xlsx. */
  async exportBatches(user: AuthUser, q: BatchQueryDto, reply: FastifyReply) {
    const base = this.batchQuery(user, q);
    const rows = paged(async (offset, limit) => {
      const { entities, raw } = await base.clone().offset(offset).limit(limit).getRawAndEntities();
      return entities.map((b, i) => this.batchDto(b, raw[i]?.committee_name));
    });
    const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');
    async function* mapped() {
      for await (const b of rows) {
        yield {
          name: b.name,
          year: b.year,
          kind: DECLARATION_KIND_LABELS[b.kind],
          committeeName: b.committeeName ?? '',
          levels: b.levels.map((l) => TITLE_LEVEL_LABELS[l]).join('、'),
          opensAt: day(b.opensAt),
          closesAt: day(b.closesAt),
          status: { draft: '草稿', published: '已发布', closed: '已结束' }[b.status],
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '申报批次.xlsx',
      [
        { key: 'name', header: '批次名称', width: 36 },
        { key: 'year', header: '年度' },
        { key: 'kind', header: '申报类型' },
        { key: 'committeeName', header: '评委会/受理机构', width: 36 },
        { key: 'levels', header: '申报级别', width: 24 },
        { key: 'opensAt', header: '开始时间' },
        { key: 'closesAt', header: '结束时间' },
        { key: 'status', header: '状态' },
      ],
      mapped(),
    );
  }

  /** Open batches (published, inside their window) for the declaration side's pickers. */
  async openBatches(q: { kind?: string; committeeId?: string; level?: string }, now = clock.now()) {
    const qb = this.ds
      .getRepository(Batch)
      .createQueryBuilder('b')
      .innerJoin(Organisation, 'o', 'o.id = b.committee_id')
      .addSelect('o.name', 'committee_name')
      .where("b.status = 'published' AND b.opens_at <= :now AND b.closes_at > :now", { now });
    if (q.kind) qb.andWhere('b.kind = :kind', { kind: q.kind });
    if (q.committeeId) qb.andWhere('b.committee_id = :cid', { cid: q.committeeId });
    if (q.level) qb.andWhere(':level = ANY(b.levels)', { level: q.level });
    const { entities, raw } = await qb.orderBy('b.closes_at', 'ASC').limit(200).getRawAndEntities();
    return entities.map((b, i) => this.batchDto(b, raw[i]?.committee_name));
  }

  async getBatch(id: string): Promise<BatchDto> {
    const b = await this.ds.getRepository(Batch).findOne({ where: { id } });
    if (!b) throw AppException.notFound('申报批次');
    const org = await this.ds.getRepository(Organisation).findOne({ where: { id: b.committeeId } });
    return this.batchDto(b, org?.name);
  }

  private async checkBatchInput(user: AuthUser, dto: BatchDtoIn) {
    await this.access.assertOrgInScope(user, dto.committeeId);
    const org = await this.ds.getRepository(Organisation).findOne({ where: { id: dto.committeeId } });
    const wanted = dto.kind === DeclarationKind.Review ? OrgType.Committee : OrgType.AcceptanceInstitution;
    if (!org || org.type !== wanted) {
      throw AppException.validation({
        committeeId: dto.kind === DeclarationKind.Review ? '评审批次应选择评委会' : '初定/认定批次应选择受理机构',
      });
    }
    if (org.status !== 'active') throw AppException.validation({ committeeId: '该机构已注销' });
    if (new Date(dto.closesAt) <= new Date(dto.opensAt)) throw AppException.validation({ closesAt: '结束时间应晚于开始时间' });
  }

  async createBatch(user: AuthUser, dto: BatchDtoIn) {
    await this.checkBatchInput(user, dto);
    const id = await this.ds.transaction((m) => this.insertBatch(m, user, dto));
    return this.getBatch(id);
  }

  /** Inserts a checked batch with its default template inside the caller's transaction (C-09 approval uses it too). */
  async insertBatch(m: EntityManager, user: AuthUser, dto: BatchDtoIn, auditExtra: Record<string, unknown> = {}): Promise<string> {
    const b = await m.getRepository(Batch).save({
      name: dto.name.trim(),
      year: dto.year,
      kind: dto.kind,
      committeeId: dto.committeeId,
      levels: [...new Set(dto.levels)],
      opensAt: new Date(dto.opensAt),
      closesAt: new Date(dto.closesAt),
      commitmentText: dto.commitmentText ?? '',
      status: dto.status ?? 'draft',
      createdBy: user.id,
    });
    await this.writeTemplate(m, b, this.defaultTemplate(b.kind));
    await this.audit.record({ actor: user, action: 'batch.create', targetType: 'batch', targetId: b.id, after: { ...dto, ...auditExtra } }, m);
    return b.id;
  }

  /** The checks of a new batch (scope, committee or acceptance institution, window), public for C-09 approval. */
  checkNewBatch(user: AuthUser, dto: BatchDtoIn) {
    return this.checkBatchInput(user, dto);
  }

  async updateBatch(user: AuthUser, id: string, dto: UpdateBatchDto) {
    const existing = await this.ds.getRepository(Batch).findOne({ where: { id } });
    if (!existing) throw AppException.notFound('申报批次');
    await this.access.assertOrgInScope(user, existing.committeeId);
    await this.checkBatchInput(user, dto);
    await this.ds.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Batch)
        .set({
          name: dto.name.trim(),
          year: dto.year,
          kind: dto.kind,
          committeeId: dto.committeeId,
          levels: [...new Set(dto.levels)],
          opensAt: new Date(dto.opensAt),
          closesAt: new Date(dto.closesAt),
          commitmentText: dto.commitmentText ?? '',
          status: dto.status ?? existing.status,
        })
        .where('id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppException.conflict('该批次已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      await this.audit.record({ actor: user, action: 'batch.update', targetType: 'batch', targetId: id, before: this.batchDto(existing) as unknown as Record<string, unknown>, after: { ...dto } }, m);
    });
    return this.getBatch(id);
  }

  private defaultTemplate(kind: DeclarationKind): TemplateModule[] {
    return DECLARATION_MODULES.filter((d) => d.kinds.includes(kind)).map((d) => ({
      key: d.key,
      name: d.name,
      kind: d.kind,
      required: !!d.mandatory,
      attachment: { required: false, maxBytes: defaultAttachmentBytes(d) },
    }));
  }

  private async writeTemplate(m: EntityManager, b: Batch, modules: TemplateModule[]) {
    await m.delete(BatchModule, { batchId: b.id });
    await m.insert(
      BatchModule,
      modules.map((mod, i) => ({
        batchId: b.id,
        moduleKey: mod.key,
        required: mod.required,
        attachmentRequired: mod.attachment.required,
        attachmentMaxBytes: mod.attachment.maxBytes,
        sortOrder: i,
      })),
    );
  }

  /**
   * The batch's declaration template as the declaration side reads it: which modules appear (in catalogue
   * order), which are required, and each module's attachment rules.
   */
  async templateFor(batchId: string): Promise<BatchTemplateDto> {
    if (!(await this.ds.getRepository(Batch).exists({ where: { id: batchId } }))) throw AppException.notFound('申报批次');
    const rows = await this.ds.getRepository(BatchModule).find({ where: { batchId }, order: { sortOrder: 'ASC' } });
    const modules: TemplateModule[] = [];
    for (const r of rows) {
      const def = findDeclarationModule(r.moduleKey);
      if (!def) continue;
      modules.push({
        key: def.key,
        name: def.name,
        kind: def.kind,
        required: r.required,
        attachment: { required: r.attachmentRequired, maxBytes: r.attachmentMaxBytes },
      });
    }
    return { batchId, modules };
  }

  async putTemplate(user: AuthUser, batchId: string, dto: PutTemplateDto): Promise<BatchTemplateDto> {
    const b = await this.ds.getRepository(Batch).findOne({ where: { id: batchId } });
    if (!b) throw AppException.notFound('申报批次');
    await this.access.assertOrgInScope(user, b.committeeId);
    const fields: Record<string, string> = {};
    const seen = new Set<string>();
    const modules: TemplateModule[] = [];
    dto.modules.forEach((mod, i) => {
      const def = findDeclarationModule(mod.key);
      if (!def) fields[`modules.${i}.key`] = `未知的申报模块：${mod.key}`;
      else if (!def.kinds.includes(b.kind)) fields[`modules.${i}.key`] = `“${def.name}”不适用于该申报类型`;
      else if (seen.has(mod.key)) fields[`modules.${i}.key`] = `“${def.name}”重复`;
      else {
        seen.add(mod.key);
        if (def.mandatory && !mod.required) fields[`modules.${i}.required`] = `“${def.name}”为必填模块`;
        modules.push({
          key: def.key,
          name: def.name,
          kind: def.kind,
          required: mod.required,
          attachment: mod.attachment ?? { required: false, maxBytes: defaultAttachmentBytes(def) },
        });
      }
    });
    for (const def of DECLARATION_MODULES) {
      if (def.mandatory && def.kinds.includes(b.kind) && !seen.has(def.key)) fields.modules = `模板必须包含“${def.name}”模块`;
    }
    if (Object.keys(fields).length) throw AppException.validation(fields);
    const order = new Map(DECLARATION_MODULES.map((d, i) => [d.key, i]));
    modules.sort((a, c) => order.get(a.key)! - order.get(c.key)!);
    const before = await this.templateFor(batchId);
    await this.ds.transaction(async (m) => {
      await this.writeTemplate(m, b, modules);
      await this.audit.record({ actor: user, action: 'batch.template', targetType: 'batch', targetId: batchId, before: { modules: before.modules }, after: { modules } }, m);
    });
    return this.templateFor(batchId);
  }
}
