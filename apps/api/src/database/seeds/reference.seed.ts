import type { EntityManager } from 'typeorm';
import { CommitteeClass, DECLARATION_MODULES, DeclarationKind, TitleLevel, defaultAttachmentBytes } from '@zhicheng/contracts';
import { Committee } from '../../modules/committee/entities/committee.entity.js';
import { CommitteeProfession } from '../../modules/committee/entities/committee-profession.entity.js';
import { Expert } from '../../modules/experts/entities/expert.entity.js';
import { ExpertProfession } from '../../modules/experts/entities/expert-profession.entity.js';
import { AcceptanceInstitution } from '../../modules/organisations/entities/acceptance-institution.entity.js';
import { Issuer } from '../../modules/organisations/entities/issuer.entity.js';
import { Organisation } from '../../modules/organisations/entities/organisation.entity.js';
import { User } from '../../modules/accounts/entities/user.entity.js';
import { BatchModule } from '../../modules/reference/entities/batch-module.entity.js';
import { Batch } from '../../modules/reference/entities/batch.entity.js';
import { Profession } from '../../modules/reference/entities/profession.entity.js';
import { Title } from '../../modules/reference/entities/title.entity.js';

/** Engineering professions under the fixed 工程技术 category (regions, series and categories come from migrations). */
const PROFESSIONS = [
  { code: 'GC01', name: '电子信息' },
  { code: 'GC02', name: '机械工程' },
  { code: 'GC03', name: '土木建筑' },
  { code: 'GC04', name: '化工' },
];

/** 工程技术 titles with plausible ministry codes (series code + level digit). */
const TITLES = [
  { level: TitleLevel.Yuan, name: '技术员', ministryCode: '0611' },
  { level: TitleLevel.Assistant, name: '助理工程师', ministryCode: '0621' },
  { level: TitleLevel.Intermediate, name: '工程师', ministryCode: '0631' },
  { level: TitleLevel.ViceSenior, name: '高级工程师', ministryCode: '0641' },
  { level: TitleLevel.Senior, name: '正高级工程师', ministryCode: '0651' },
];

/** Demo reference data on top of the demo organisations. Idempotent. */
export async function seedReference(m: EntityManager, orgs: Map<string, Organisation>): Promise<void> {
  const gc = await m.getRepository(Profession).findOne({ where: { code: 'GC' } });
  if (!gc) throw new Error('migrations not run: profession category GC missing');
  for (const [i, p] of PROFESSIONS.entries()) {
    await m.createQueryBuilder().insert().into(Profession).values({ ...p, parentId: gc.id, depth: 1, sortOrder: i }).orIgnore().execute();
  }
  for (const t of TITLES) {
    await m.createQueryBuilder().insert().into(Title).values({ ...t, seriesCode: 'GC' }).orIgnore().execute();
  }
  const committee = orgs.get('committee')!;
  if (!(await m.getRepository(Committee).exists({ where: { organisationId: committee.id } }))) {
    const operator = await m.getRepository(User).findOne({ where: { username: 'committee_demo' } });
    await m.insert(Committee, {
      organisationId: committee.id,
      committeeClass: CommitteeClass.Senior,
      issuingDelegated: false,
      contactUserId: operator?.id ?? null,
      feeStandard: '评审费每人 600 元',
      // C-17: the demo committee's filed review authority
      authorityFrom: '2024-01-01',
      authorityUntil: '2030-12-31',
    });
    await m.insert(
      CommitteeProfession,
      PROFESSIONS.flatMap((p) => [TitleLevel.ViceSenior, TitleLevel.Senior].map((titleLevel) => ({ committeeId: committee.id, professionCode: p.code, titleLevel, seriesCode: 'GC' }))),
    );
  }
  const issuer = orgs.get('issuer')!;
  await m.createQueryBuilder().insert().into(Issuer).values({ organisationId: issuer.id, issuerCode: '3200' }).orIgnore().execute();
  const acceptance = orgs.get('acceptance')!;
  await m
    .createQueryBuilder()
    .insert()
    .into(AcceptanceInstitution)
    .values({ organisationId: acceptance.id, certificateName: '南京市人力资源和社会保障局', declarationNotice: '初定申报请于批次开放期间提交，材料须真实有效。' })
    .orIgnore()
    .execute();
  if (!(await m.getRepository(Batch).exists({ where: { committeeId: committee.id, year: 2026 } }))) {
    const now = Date.now();
    const batch = await m.getRepository(Batch).save({
      name: '2026年度江苏省工程技术高级职称评审',
      year: 2026,
      kind: DeclarationKind.Review,
      committeeId: committee.id,
      levels: [TitleLevel.ViceSenior, TitleLevel.Senior],
      opensAt: new Date(now - 7 * 86400_000),
      closesAt: new Date(now + 180 * 86400_000),
      commitmentText: '本人郑重承诺：所填报的信息及提交的材料真实、准确、完整，如有弄虚作假，自愿承担相应责任。',
      status: 'published',
    });
    const required = new Set(['basic_info', 'education', 'current_title', 'work_experience', 'achievements', 'work_summary', 'integrity_commitment']);
    await m.insert(
      BatchModule,
      DECLARATION_MODULES.filter((d) => d.kinds.includes(DeclarationKind.Review)).map((d, i) => ({
        batchId: batch.id,
        moduleKey: d.key,
        required: required.has(d.key),
        attachmentRequired: d.key === 'integrity_commitment' || d.key === 'education',
        attachmentMaxBytes: defaultAttachmentBytes(d),
        sortOrder: i,
      })),
    );
  }
  // H-05: an open 初定 batch of the acceptance institution (助理级 and 员级), template from the catalogue.
  if (!(await m.getRepository(Batch).exists({ where: { committeeId: acceptance.id, year: 2026, kind: DeclarationKind.Initial } }))) {
    const now = Date.now();
    const batch = await m.getRepository(Batch).save({
      name: '2026年度南京市工程技术初级职称初定',
      year: 2026,
      kind: DeclarationKind.Initial,
      committeeId: acceptance.id,
      levels: [TitleLevel.Assistant, TitleLevel.Yuan],
      opensAt: new Date(now - 7 * 86400_000),
      closesAt: new Date(now + 180 * 86400_000),
      commitmentText: '本人郑重承诺：所填报的学历、见习期工作等信息及提交的材料真实、准确、完整，如有弄虚作假，自愿承担相应责任。',
      status: 'published',
    });
    const required = new Set(['basic_info', 'education', 'probation_work', 'main_achievements', 'technical_summary', 'integrity_commitment']);
    await m.insert(
      BatchModule,
      DECLARATION_MODULES.filter((d) => d.kinds.includes(DeclarationKind.Initial)).map((d, i) => ({
        batchId: batch.id,
        moduleKey: d.key,
        required: required.has(d.key),
        attachmentRequired: d.key === 'integrity_commitment' || d.key === 'education',
        attachmentMaxBytes: defaultAttachmentBytes(d),
        sortOrder: i,
      })),
    );
  }
  const expertUser = await m.getRepository(User).findOne({ where: { username: 'expert_demo' } });
  if (expertUser && !(await m.getRepository(Expert).exists({ where: { userId: expertUser.id } }))) {
    const senior = await m.getRepository(Title).findOne({ where: { ministryCode: '0651' } });
    const e = await m.getRepository(Expert).save({
      userId: expertUser.id,
      organisationId: orgs.get('otherUnit')!.id,
      managedBy: committee.id,
      regionCode: '320500',
      titleLevel: TitleLevel.Senior,
      titleName: '正高级工程师',
      titleId: senior?.id ?? null,
      status: 'active' as const,
      conflicts: [{ organisationId: orgs.get('otherUnit')!.id, name: '苏州工业示范研究院', reason: '本单位' }],
    });
    await m.insert(ExpertProfession, [{ expertId: e.id, professionCode: 'GC01' }, { expertId: e.id, professionCode: 'GC02' }]);
  }
}
