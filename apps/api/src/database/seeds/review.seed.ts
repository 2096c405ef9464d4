import type { EntityManager } from 'typeorm';
import { idCardCheckChar, Role, TitleLevel } from '@zhicheng/contracts';
import type { CryptoService } from '../../common/crypto/crypto.service.js';
import { User } from '../../modules/accounts/entities/user.entity.js';
import { Expert } from '../../modules/experts/entities/expert.entity.js';
import { ExpertProfession } from '../../modules/experts/entities/expert-profession.entity.js';
import type { Organisation } from '../../modules/organisations/entities/organisation.entity.js';

/** Demo experts beside expert_demo (issue 7): all three sit in the provincial senior committee's pool for GC01/GC02. */
export const REVIEW_DEMO_EXPERTS = [
  { username: 'expert_demo2', realName: '王评委', titleName: '正高级工程师' },
  { username: 'expert_demo3', realName: '赵评委', titleName: '正高级工程师' },
];

/**
 * C-02..C-07 demo data: the three demo experts in the committee's pool (their unit, 苏州工业示范研究院, is not
 * the unit of the demo participants, so avoidance keeps them), and three declarations of the 2026 batch that
 * passed the qualification re-check (status `qualified`, unit 南京示范科技有限公司) ready for a review plan.
 * Safe to run repeatedly.
 */
export async function seedReview(m: EntityManager, ctx: { crypto: CryptoService; passwordHash: string; orgs: Map<string, Organisation> }): Promise<void> {
  const { crypto, passwordHash, orgs } = ctx;
  const committee = orgs.get('committee')!;
  const otherUnit = orgs.get('otherUnit')!;
  const unit = orgs.get('unit')!;
  const users = m.getRepository(User);
  const [senior]: { id: string }[] = await m.query(`SELECT id FROM titles WHERE ministry_code = '0651' LIMIT 1`);
  for (const [i, e] of REVIEW_DEMO_EXPERTS.entries()) {
    let u = await users.findOne({ where: { username: e.username } });
    if (!u) {
      const mobile = `1370000000${i + 2}`;
      u = await users.save({ username: e.username, role: Role.Expert, organisationId: otherUnit.id, realName: e.realName, mobileEnc: crypto.encrypt(mobile), mobileHash: crypto.blindIndex(mobile), email: `${e.username}@demo.zhicheng.local`, passwordHash });
    }
    if (!(await m.getRepository(Expert).exists({ where: { userId: u.id } }))) {
      const x = await m.getRepository(Expert).save({ userId: u.id, organisationId: otherUnit.id, managedBy: committee.id, regionCode: '320500', titleLevel: TitleLevel.Senior, titleName: e.titleName, titleId: senior?.id ?? null, status: 'active' as const, conflicts: [] });
      await m.insert(ExpertProfession, [{ expertId: x.id, professionCode: 'GC01' }, { expertId: x.id, professionCode: 'GC02' }]);
    }
  }
  const [batch]: { id: string }[] = await m.query(`SELECT id FROM batches WHERE committee_id = $1 AND year = 2026 AND kind = 'review' LIMIT 1`, [committee.id]);
  const [title]: { id: string }[] = await m.query(`SELECT id FROM titles WHERE series_code = 'GC' AND level = 'vice_senior' ORDER BY ministry_code LIMIT 1`);
  if (!batch || !title) return;
  const people = [
    { username: 'review_demo1', realName: '孙评审', id17: '32010219850101001' },
    { username: 'review_demo2', realName: '周评审', id17: '32010219850101002' },
    { username: 'review_demo3', realName: '吴评审', id17: '32010219850101003' },
  ];
  for (const [i, p] of people.entries()) {
    if (await users.exists({ where: { username: p.username } })) continue;
    const idCard = p.id17 + idCardCheckChar(p.id17);
    const mobile = `1360000000${i + 1}`;
    const u = await users.save({ username: p.username, role: Role.Applicant, organisationId: null, realName: p.realName, idCardEnc: crypto.encrypt(idCard), idCardHash: crypto.blindIndex(idCard), mobileEnc: crypto.encrypt(mobile), mobileHash: crypto.blindIndex(mobile), passwordHash });
    await m.query(
      `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_org_id, unit_nature, region_code, method,
                                 status, module_data, submitted_at, reported_at, qualified_at, recommendation_rank, entrusted, version)
       VALUES ($1, $2, 2026, 'review', 'vice_senior', 'GC', $3, 'GC01', $4, $5, 'enterprise', '320102', '正常晋升', 'qualified', $6::jsonb,
               now() - interval '40 days', now() - interval '35 days', now() - interval '30 days', $7, false, 1)`,
      [u.id, batch.id, title.id, committee.id, unit.id, JSON.stringify({ work_summary: { text: `${p.realName}：从事电子信息工程技术工作十余年，主持完成多项省级重点项目。` } }), i + 1],
    );
  }
}
