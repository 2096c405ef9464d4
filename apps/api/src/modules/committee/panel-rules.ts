import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CHAIR_ROLE_LABELS, DEFAULT_PANEL_MINIMUMS, Role, panelSizeProblem, type CommitteeClass, type PanelRuleDto } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';

const LEVEL_NAMES: Record<CommitteeClass, string> = { senior: '高级', middle: '中级', primary: '初级' };

/**
 * C-16 panel rules (人社部令第40号): the panel is an odd number of experts, at least the committee class's minimum
 * (defaults 高级 25 / 中级 11 / 初级 5, `panel_rules`, changed by a province-level title office); the plan names
 * the chair (主任委员 or 副主任委员), an active expert of the committee's own pool.
 */
@Injectable()
export class PanelRulesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditLogService,
  ) {}

  async list(m: EntityManager = this.ds.manager): Promise<PanelRuleDto[]> {
    const rows: { committee_class: CommitteeClass; min_panel: number; updated_at: Date | null }[] = await m.query(`SELECT committee_class, min_panel, updated_at FROM panel_rules`);
    return (Object.keys(DEFAULT_PANEL_MINIMUMS) as CommitteeClass[]).map((c) => {
      const r = rows.find((x) => x.committee_class === c);
      const minPanel = r?.min_panel ?? DEFAULT_PANEL_MINIMUMS[c];
      return { committeeClass: c, minPanel, isDefault: minPanel === DEFAULT_PANEL_MINIMUMS[c], updatedAt: r?.updated_at ? new Date(r.updated_at).toISOString() : null };
    });
  }

  async update(user: AuthUser, items: { committeeClass: CommitteeClass; minPanel: number }[]): Promise<PanelRuleDto[]> {
    if (user.role !== Role.OfficeAdmin || user.orgLevel !== 'province') throw AppException.forbidden('只有省级职称管理部门可以设置评委会人数要求');
    const fields: Record<string, string> = {};
    for (const [i, it] of items.entries()) if (it.minPanel % 2 === 0) fields[`items.${i}.minPanel`] = '评委人数下限应为单数';
    if (Object.keys(fields).length) throw AppException.validation(fields);
    await this.ds.transaction(async (m) => {
      const before = await this.list(m);
      for (const it of items) {
        await m.query(
          `INSERT INTO panel_rules (committee_class, min_panel, updated_by, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (committee_class) DO UPDATE SET min_panel = EXCLUDED.min_panel, updated_by = EXCLUDED.updated_by, updated_at = now(), version = panel_rules.version + 1`,
          [it.committeeClass, it.minPanel, user.id],
        );
      }
      await this.audit.record({ actor: user, action: 'panel_rules.update', targetType: 'panel_rules', targetId: null, before: { items: before.map((b) => ({ committeeClass: b.committeeClass, minPanel: b.minPanel })) }, after: { items } }, m);
    });
    return this.list();
  }

  /** Refuses a plan whose panel is even or below the committee class's minimum. */
  async assertPanelSize(m: EntityManager, committeeId: string, count: number): Promise<void> {
    const [c]: { committee_class: CommitteeClass }[] = await m.query('SELECT committee_class FROM committees WHERE organisation_id = $1', [committeeId]);
    const cls = c?.committee_class ?? 'senior';
    const rule = (await this.list(m)).find((r) => r.committeeClass === cls)!;
    const problem = panelSizeProblem(count, rule.minPanel, LEVEL_NAMES[cls]);
    if (problem) throw AppException.validation({ 'expertRequirement.count': problem });
  }

  /** The chair: an active expert managed by the committee itself, with a role. */
  async assertChair(m: EntityManager, committeeId: string, chairExpertId: string | undefined, chairRole: string | undefined): Promise<void> {
    const fields: Record<string, string> = {};
    if (!chairExpertId) fields.chairExpertId = '请指定主持评审会议的主任委员或副主任委员';
    if (!chairRole || !(chairRole in CHAIR_ROLE_LABELS)) fields.chairRole = '请选择主持人职务（主任委员或副主任委员）';
    if (Object.keys(fields).length) throw AppException.validation(fields);
    const ok: unknown[] = await m.query(`SELECT 1 FROM experts e JOIN users u ON u.id = e.user_id AND u.status = 'active' WHERE e.id = $1 AND e.managed_by = $2 AND e.status = 'active'`, [chairExpertId, committeeId]);
    if (!ok.length) throw AppException.validation({ chairExpertId: '主持人须为本评委会专家库中的在库专家' });
  }
}
