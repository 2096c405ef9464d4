import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import {
  ErrorCode,
  OrgType,
  Role,
  UNIT_NATURE_LABELS,
  UNIT_PERMISSION_STATUS_LABELS,
  validateCreditCode,
  chinaDate,
} from '@zhicheng/contracts';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { OutboxService } from '../notices/outbox.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { FileAccessRegistry } from '../files/file-access.registry.js';
import type { UnitPermissionApplyDto, UnitPermissionQueryDto, UnitPermissionResubmitDto, UnitPermissionReviewDto } from './dto/organisations.dto.js';
import { Organisation } from './entities/organisation.entity.js';
import { UnitPermissionApplication } from './entities/unit-permission-application.entity.js';

export const DUPLICATE_NAME_MESSAGE = '单位名称与已取得权限的单位重复，请核实单位名称；如确为同一单位，请联系该单位经办人或所在地职称管理部门';

/**
 * U-01/U-02/A-20: a registered unit applies for permission; automatic checks (credit code valid, name not a
 * duplicate of a permitted unit) run first. Every application that passes them goes to the title office whose
 * region covers the unit: no automatic approval, because the office must see the attachments. The check results
 * (including whether the credit code's registration region matches the unit's province) are stored for the reviewer.
 */
@Injectable()
export class UnitPermissionService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxService,
    private readonly ref: ReferenceService,
    private readonly fileAccess: FileAccessRegistry,
    private readonly excel: ExcelService,
  ) {}

  /** A reviewer may read the attachments of applications of units in their scope. */
  onModuleInit() {
    this.fileAccess.register('unit-permission', async (user, file) => {
      const rows: { organisation_id: string; region_code: string }[] = await this.ds.query(
        'SELECT organisation_id, region_code FROM unit_permission_applications WHERE attachments @> to_jsonb(ARRAY[$1::text])',
        [file.id],
      );
      return rows.some((r) => this.access.canSee(user, { id: r.organisation_id, regionCode: r.region_code }));
    });
  }

  /** Attachments must be the applicant's own unit-permission uploads. */
  private async checkAttachments(user: AuthUser, ids: string[] | undefined) {
    if (!ids?.length) return;
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id::text AS id FROM stored_files WHERE id::text = ANY($1) AND owner_user_id = $2 AND purpose = 'unit-permission'`,
      [ids, user.id],
    );
    if (rows.length !== new Set(ids).size) throw AppException.validation({ attachments: '附件不存在或不属于本人，请重新上传' });
  }

  private async autoCheck(orgId: string, name: string, creditCode: string, regionCode: string) {
    const msg = validateCreditCode(creditCode);
    if (msg) throw AppException.validation({ creditCode: msg });
    await this.ref.assertRegion(regionCode);
    const dup: { id: string }[] = await this.ds.query(
      `SELECT id FROM organisations WHERE type = $1 AND permitted = true AND status = 'active' AND name = $2 AND id <> $3 LIMIT 1`,
      [OrgType.Unit, name, orgId],
    );
    if (dup.length) throw new AppException(409, ErrorCode.UnitNameDuplicate, DUPLICATE_NAME_MESSAGE, { unitName: DUPLICATE_NAME_MESSAGE });
    // Credit code characters 3–8 are the registration authority's region code.
    return { creditCodeValid: true, nameUnique: true, regionConsistent: creditCode.slice(2, 4) === regionCode.slice(0, 2) };
  }

  private toDto(a: UnitPermissionApplication) {
    return {
      id: a.id,
      organisationId: a.organisationId,
      unitName: a.unitName,
      creditCode: a.creditCode,
      regionCode: a.regionCode,
      nature: a.nature,
      attachments: a.attachments,
      remark: a.remark,
      autoCheck: a.autoCheck,
      status: a.status,
      opinion: a.opinion,
      reviewedAt: a.reviewedAt?.toISOString() ?? null,
      submissions: a.submissions,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      version: a.version,
    };
  }

  private async ownUnit(user: AuthUser): Promise<Organisation> {
    const org = user.organisationId ? await this.ds.getRepository(Organisation).findOne({ where: { id: user.organisationId } }) : null;
    if (!org || org.type !== OrgType.Unit) throw AppException.forbidden('只有单位经办人可以申请单位权限');
    return org;
  }

  async mine(user: AuthUser) {
    const org = await this.ownUnit(user);
    const apps = await this.ds.getRepository(UnitPermissionApplication).find({ where: { organisationId: org.id }, order: { createdAt: 'DESC' } });
    return { permitted: org.permitted, organisation: { id: org.id, name: org.name, creditCode: org.creditCode, regionCode: org.regionCode, nature: org.nature }, applications: apps.map((a) => this.toDto(a)) };
  }

  async apply(user: AuthUser, dto: UnitPermissionApplyDto) {
    const org = await this.ownUnit(user);
    if (org.permitted) throw AppException.conflict('本单位已取得权限，无需再次申请');
    if (await this.ds.getRepository(UnitPermissionApplication).exists({ where: { organisationId: org.id, status: 'pending' } })) {
      throw AppException.conflict('本单位已有待审核的申请，请等待审核结果');
    }
    await this.checkAttachments(user, dto.attachments);
    const check = await this.autoCheck(org.id, org.name, org.creditCode ?? '', org.regionCode);
    return this.ds.transaction(async (m) => {
      const a = await m.getRepository(UnitPermissionApplication).save({
        organisationId: org.id,
        unitName: org.name,
        creditCode: org.creditCode!,
        regionCode: org.regionCode,
        nature: org.nature,
        attachments: dto.attachments ?? [],
        remark: dto.remark ?? null,
        autoCheck: check,
        status: 'pending' as const,
        applicantUserId: user.id,
      });
      await this.audit.record({ actor: user, action: 'unit_permission.apply', targetType: 'unit_permission_application', targetId: a.id, after: this.toDto(a) }, m);
      return this.toDto(a);
    });
  }

  /** A rejected unit corrects its details and resubmits the same application. */
  async resubmit(user: AuthUser, id: string, dto: UnitPermissionResubmitDto) {
    const org = await this.ownUnit(user);
    const a = await this.ds.getRepository(UnitPermissionApplication).findOne({ where: { id, organisationId: org.id } });
    if (!a) throw AppException.notFound('申请');
    if (a.status !== 'rejected') throw AppException.conflict('只有被退回的申请可以修改后重新提交');
    const creditCode = dto.creditCode.trim().toUpperCase();
    const other = await this.ds.getRepository(Organisation).findOne({ where: { creditCode } });
    if (other && other.id !== org.id) throw new AppException(409, ErrorCode.CreditCodeTaken, '该统一社会信用代码已注册', { creditCode: '该统一社会信用代码已注册' });
    await this.checkAttachments(user, dto.attachments);
    const name = dto.unitName.trim();
    const check = await this.autoCheck(org.id, name, creditCode, dto.regionCode);
    return this.ds.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(UnitPermissionApplication)
        .set({ unitName: name, creditCode, regionCode: dto.regionCode, nature: dto.nature, attachments: dto.attachments ?? a.attachments, remark: dto.remark ?? a.remark, autoCheck: check, status: 'pending', submissions: a.submissions + 1 })
        .where('id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppException.conflict('该申请已被修改，请刷新后重试', ErrorCode.StaleVersion);
      await m.update(Organisation, org.id, { name, creditCode, regionCode: dto.regionCode, nature: dto.nature });
      await this.audit.record({ actor: user, action: 'unit_permission.resubmit', targetType: 'unit_permission_application', targetId: id, before: this.toDto(a), after: { ...dto } }, m);
      return this.toDto(await m.getRepository(UnitPermissionApplication).findOneByOrFail({ id }));
    });
  }

  private listQuery(user: AuthUser, q: Omit<UnitPermissionQueryDto, 'page' | 'pageSize'>) {
    const qb = this.ds.getRepository(UnitPermissionApplication).createQueryBuilder('a');
    this.access.scopeQuery(qb, user, { orgId: 'a.organisation_id', regionCode: 'a.region_code' });
    if (q.status) qb.andWhere('a.status = :s', { s: q.status });
    if (q.keyword) qb.andWhere('(a.unit_name ILIKE :kw OR a.credit_code = :code)', { kw: `%${q.keyword}%`, code: q.keyword.toUpperCase() });
    return qb.orderBy('a.updated_at', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('a.id');
  }

  /** Applications of units in the reviewing office's region. */
  async list(user: AuthUser, q: UnitPermissionQueryDto) {
    const qb = this.listQuery(user, q).skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((a) => this.toDto(a)), total, page: q.page, pageSize: q.pageSize };
  }

  /** the review list's current query as .xlsx. */
  async export(user: AuthUser, q: UnitPermissionQueryDto, reply: FastifyReply) {
    const base = this.listQuery(user, q);
    const rows = paged((offset, limit) => base.clone().skip(offset).take(limit).getMany());
    async function* mapped() {
      for await (const a of rows) {
        yield {
          unitName: a.unitName,
          creditCode: a.creditCode,
          regionCode: a.regionCode,
          nature: a.nature ? UNIT_NATURE_LABELS[a.nature] : '',
          submissions: a.submissions,
          status: UNIT_PERMISSION_STATUS_LABELS[a.status],
          opinion: a.opinion ?? '',
          updatedAt: chinaDate(a.updatedAt),
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '单位权限申请.xlsx',
      [
        { key: 'unitName', header: '单位名称', width: 36 },
        { key: 'creditCode', header: '统一社会信用代码', width: 22 },
        { key: 'regionCode', header: '行政区划代码' },
        { key: 'nature', header: '单位性质' },
        { key: 'submissions', header: '提交次数' },
        { key: 'status', header: '状态' },
        { key: 'opinion', header: '审核意见', width: 40 },
        { key: 'updatedAt', header: '更新日期' },
      ],
      mapped(),
    );
  }

  async review(user: AuthUser, id: string, dto: UnitPermissionReviewDto) {
    const a = await this.ds.getRepository(UnitPermissionApplication).findOne({ where: { id } });
    if (!a) throw AppException.notFound('申请');
    await this.access.assertOrgInScope(user, a.organisationId);
    if (a.status !== 'pending') throw AppException.conflict('该申请已审核');
    if (dto.decision === 'approve') {
      const dup: unknown[] = await this.ds.query(`SELECT 1 FROM organisations WHERE type = 'unit' AND permitted = true AND name = $1 AND id <> $2 LIMIT 1`, [a.unitName, a.organisationId]);
      if (dup.length) throw new AppException(409, ErrorCode.UnitNameDuplicate, DUPLICATE_NAME_MESSAGE);
    }
    return this.ds.transaction(async (m) => {
      const status = dto.decision === 'approve' ? 'approved' : 'rejected';
      const res = await m
        .createQueryBuilder()
        .update(UnitPermissionApplication)
        .set({ status, opinion: dto.opinion ?? null, reviewerId: user.id, reviewedAt: new Date() })
        .where('id = :id AND version = :v AND status = :p', { id, v: dto.version, p: 'pending' })
        .execute();
      if (!res.affected) throw AppException.conflict('该申请已被他人处理，请刷新后重试', ErrorCode.StaleVersion);
      if (status === 'approved') await m.update(Organisation, a.organisationId, { permitted: true });
      await this.audit.record({ actor: user, action: `unit_permission.${status}`, targetType: 'unit_permission_application', targetId: id, before: { status: 'pending' }, after: { status, opinion: dto.opinion ?? null } }, m);
      const operators = await m.getRepository(User).find({ where: { organisationId: a.organisationId, role: Role.UnitOperator } });
      for (const op of operators) {
        await this.outbox.enqueue(
          {
            channel: 'inapp',
            event: 'unit_permission.result',
            userId: op.id,
            recipient: op.username,
            subject: status === 'approved' ? '单位权限申请已通过' : '单位权限申请被退回',
            body: status === 'approved' ? `${a.unitName} 的单位权限申请已审核通过。` : `${a.unitName} 的单位权限申请被退回，原因：${dto.opinion}`,
          },
          m,
        );
      }
      return this.toDto(await m.getRepository(UnitPermissionApplication).findOneByOrFail({ id }));
    });
  }
}
