import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BATCH_PROPOSAL_STATUS_LABELS, BatchProposalStatus, DeclarationKind, ErrorCode, OrgType, chinaYear } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { BatchProposalApproveDto, BatchProposalDtoIn, BatchProposalQueryDto, BatchProposalReturnDto, UpdateBatchProposalDto } from './dto/batch-proposal.dto.js';
import { BatchProposal } from './entities/batch-proposal.entity.js';

export interface BatchProposalItem {
  id: string;
  committeeId: string;
  committeeName: string;
  year: number;
  name: string;
  levels: string[];
  opensAt: string;
  closesAt: string;
  plannedCount: number;
  contactName: string;
  contactPhone: string;
  remark: string;
  status: BatchProposalStatus;
  reviewOpinion: string | null;
  reviewedAt: string | null;
  batchId: string | null;
  submittedAt: string;
  version: number;
}

/** C-09 年度批次信息提交 (committee) and its approval by the title office, which creates the 申报批次. */
@Injectable()
export class BatchProposalService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly ref: ReferenceService,
  ) {}

  private query(user: AuthUser, q: Partial<BatchProposalQueryDto>) {
    const qb = this.ds
      .getRepository(BatchProposal)
      .createQueryBuilder('p')
      .innerJoin('organisations', 'o', 'o.id = p.committee_id')
      .addSelect('o.name', 'committee_name');
    this.access.scopeQuery(qb, user, { orgId: 'p.committee_id', regionCode: 'p.region_code' });
    if (q.year) qb.andWhere('p.year = :y', { y: q.year });
    if (q.status) qb.andWhere('p.status = :s', { s: q.status });
    if (q.committeeId) qb.andWhere('p.committee_id = :c', { c: q.committeeId });
    return qb.orderBy('p.submitted_at', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('p.id');
  }

  private item(p: BatchProposal, committeeName: string): BatchProposalItem {
    return {
      id: p.id,
      committeeId: p.committeeId,
      committeeName,
      year: p.year,
      name: p.name,
      levels: p.levels,
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      plannedCount: p.plannedCount,
      contactName: p.contactName,
      contactPhone: p.contactPhone,
      remark: p.remark,
      status: p.status,
      reviewOpinion: p.reviewOpinion,
      reviewedAt: p.reviewedAt?.toISOString() ?? null,
      batchId: p.batchId,
      submittedAt: p.submittedAt.toISOString(),
      version: p.version,
    };
  }

  async list(user: AuthUser, q: BatchProposalQueryDto) {
    const qb = this.query(user, q);
    const total = await qb.getCount();
    const { entities, raw } = await qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize).getRawAndEntities();
    return { items: entities.map((p, i) => this.item(p, raw[i]?.committee_name ?? '')), total, page: q.page, pageSize: q.pageSize };
  }

  async get(user: AuthUser, id: string): Promise<BatchProposalItem> {
    const { entities, raw } = await this.query(user, {}).andWhere('p.id = :id', { id }).getRawAndEntities();
    if (!entities[0]) throw AppException.notFound('年度批次信息');
    return this.item(entities[0], raw[0]?.committee_name ?? '');
  }

  private check(dto: BatchProposalDtoIn) {
    if (new Date(dto.closesAt) <= new Date(dto.opensAt)) throw AppException.validation({ closesAt: '申报结束时间应晚于开始时间' });
    const y = chinaYear(new Date(dto.opensAt));
    if (Math.abs(y - dto.year) > 1) throw AppException.validation({ opensAt: '申报开始时间与年度不符' });
  }

  private fields(dto: BatchProposalDtoIn) {
    return {
      year: dto.year,
      name: dto.name.trim(),
      levels: [...new Set(dto.levels)],
      opensAt: new Date(dto.opensAt),
      closesAt: new Date(dto.closesAt),
      plannedCount: dto.plannedCount,
      contactName: dto.contactName.trim(),
      contactPhone: dto.contactPhone,
      remark: (dto.remark ?? '').trim(),
    };
  }

  async create(user: AuthUser, dto: BatchProposalDtoIn) {
    this.check(dto);
    const id = await this.ds.transaction(async (m) => {
      const orgs: { id: string; type: string; region_code: string; status: string }[] = await m.query(
        'SELECT id, type, region_code, status FROM organisations WHERE id = $1',
        [user.organisationId],
      );
      const org = orgs[0];
      if (!org || org.type !== OrgType.Committee) throw AppException.forbidden('只有评委会可以提交年度批次信息');
      if (org.status !== 'active') throw AppException.forbidden('本评委会已注销');
      const p = await m.getRepository(BatchProposal).save({
        ...this.fields(dto),
        committeeId: org.id,
        regionCode: org.region_code,
        status: BatchProposalStatus.Submitted,
        submittedBy: user.id,
        submittedAt: new Date(),
      });
      await this.audit.record({ actor: user, action: 'batch_proposal.submit', targetType: 'batch_proposal', targetId: p.id, after: { ...dto } }, m);
      return p.id;
    });
    return this.get(user, id);
  }

  async resubmit(user: AuthUser, id: string, dto: UpdateBatchProposalDto) {
    this.check(dto);
    await this.ds.transaction(async (m) => {
      const p = await m.getRepository(BatchProposal).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p || p.committeeId !== user.organisationId) throw AppException.notFound('年度批次信息');
      if (p.status !== BatchProposalStatus.Returned) {
        throw AppException.conflict(`当前状态（${BATCH_PROPOSAL_STATUS_LABELS[p.status]}）不能修改，只有被退回的年度批次信息可以修改后重新提交`, 'INVALID_TRANSITION');
      }
      if (p.version !== dto.version) throw AppException.conflict('该记录已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      await m.getRepository(BatchProposal).save({ ...p, ...this.fields(dto), status: BatchProposalStatus.Submitted, submittedBy: user.id, submittedAt: new Date() });
      await this.audit.record({ actor: user, action: 'batch_proposal.resubmit', targetType: 'batch_proposal', targetId: id, before: { status: p.status }, after: { ...dto } }, m);
    });
    return this.get(user, id);
  }

  /** The title office approves: a draft 申报批次 of the committee is created from the proposal (published later in A-28). */
  async approve(user: AuthUser, id: string, dto: BatchProposalApproveDto) {
    const pre = await this.ds.getRepository(BatchProposal).findOne({ where: { id } });
    if (!pre) throw AppException.notFound('年度批次信息');
    // scope, committee type and status, window (outside the transaction: the embedded database serialises them)
    await this.ref.checkNewBatch(user, {
      name: pre.name, year: pre.year, kind: DeclarationKind.Review, committeeId: pre.committeeId, levels: pre.levels,
      opensAt: pre.opensAt.toISOString(), closesAt: pre.closesAt.toISOString(),
    });
    await this.ds.transaction(async (m) => {
      const p = await m.getRepository(BatchProposal).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw AppException.notFound('年度批次信息');
      await this.access.assertOrgInScope(user, p.committeeId, m);
      if (p.status !== BatchProposalStatus.Submitted) throw AppException.conflict(`当前状态（${BATCH_PROPOSAL_STATUS_LABELS[p.status]}）不能审核`, 'INVALID_TRANSITION');
      if (p.version !== dto.version) throw AppException.conflict('该记录已被他人处理，请刷新后重试', ErrorCode.StaleVersion);
      const batch = {
        name: p.name,
        year: p.year,
        kind: DeclarationKind.Review,
        committeeId: p.committeeId,
        levels: p.levels,
        opensAt: p.opensAt.toISOString(),
        closesAt: p.closesAt.toISOString(),
        status: 'draft' as const,
      };
      const batchId = await this.ref.insertBatch(m, user, batch, { proposalId: p.id });
      await m.getRepository(BatchProposal).save({ ...p, status: BatchProposalStatus.Approved, reviewOpinion: dto.opinion?.trim() || null, reviewedBy: user.id, reviewedAt: new Date(), batchId });
      await this.audit.record({ actor: user, action: 'batch_proposal.approve', targetType: 'batch_proposal', targetId: id, before: { status: p.status }, after: { status: 'approved', batchId, opinion: dto.opinion ?? null } }, m);
    });
    return this.get(user, id);
  }

  async return(user: AuthUser, id: string, dto: BatchProposalReturnDto) {
    await this.ds.transaction(async (m) => {
      const p = await m.getRepository(BatchProposal).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw AppException.notFound('年度批次信息');
      await this.access.assertOrgInScope(user, p.committeeId, m);
      if (p.status !== BatchProposalStatus.Submitted) throw AppException.conflict(`当前状态（${BATCH_PROPOSAL_STATUS_LABELS[p.status]}）不能审核`, 'INVALID_TRANSITION');
      if (p.version !== dto.version) throw AppException.conflict('该记录已被他人处理，请刷新后重试', ErrorCode.StaleVersion);
      await m.getRepository(BatchProposal).save({ ...p, status: BatchProposalStatus.Returned, reviewOpinion: dto.reason.trim(), reviewedBy: user.id, reviewedAt: new Date() });
      await this.audit.record({ actor: user, action: 'batch_proposal.return', targetType: 'batch_proposal', targetId: id, before: { status: p.status }, after: { status: 'returned', opinion: dto.reason.trim() } }, m);
    });
    return this.get(user, id);
  }
}
