import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import type { CryptoService } from '../../common/crypto/crypto.service.js';
import { allocateSeq, formatCertificateNo, newVerificationCode } from '../../modules/certificate/certificate-issuer.service.js';
import { CertificateSigner, SIGNED_PAYLOAD_VERSION } from '../../modules/certificate/certificate-signer.js';
import { Certificate } from '../../modules/certificate/entities/certificate.entity.js';
import { Organisation } from '../../modules/organisations/entities/organisation.entity.js';
import { User } from '../../modules/accounts/entities/user.entity.js';

/** One valid e-certificate for the demo applicant (张三), so 我的证书 and the verification page have something to show. */
export async function seedCertificates(m: EntityManager, deps: { crypto: CryptoService; config: AppConfig; orgs: Map<string, Organisation> }): Promise<void> {
  const repo = m.getRepository(Certificate);
  if (await repo.exists({ where: { issueKey: 'demo:applicant' } })) return;
  const applicant = await m.getRepository(User).findOne({ where: { username: 'applicant' } });
  const issuer = deps.orgs.get('issuer');
  const committee = deps.orgs.get('committee');
  if (!applicant?.idCardEnc || !applicant.idCardHash || !issuer || !committee) return;
  const issueDate = '2026-01-15';
  const c: Partial<Certificate> = {
    certificateNo: formatCertificateNo('3200', 2026, 'vice_senior', await allocateSeq(m, '3200', 2026)),
    verificationCode: newVerificationCode(),
    holderUserId: applicant.id,
    holderName: applicant.realName,
    holderIdCardEnc: applicant.idCardEnc,
    holderIdCardHash: applicant.idCardHash,
    titleName: '高级工程师',
    seriesCode: 'GC',
    professionName: '电子信息',
    titleLevel: 'vice_senior',
    qualificationDate: '2025-12-30',
    approvalDocNo: '苏职称〔2025〕88号',
    committeeName: committee.name,
    committeeOrgId: committee.id,
    issuerOrgId: issuer.id,
    issuerName: issuer.name,
    issuerCode: '3200',
    issueDate,
    kind: 'review',
    issueKey: 'demo:applicant',
    hasECertificate: true,
    signedPayloadVersion: SIGNED_PAYLOAD_VERSION,
    version: 1,
  };
  c.signature = new CertificateSigner(deps.config).sign(c as Certificate);
  await repo.insert(c);
}

/** The demo filing document number of the 2026 senior engineering review, ready for issuance. */
export const DEMO_FILING_DOC_NO = '苏职称备〔2026〕1号';

/**
 * Three demo applicants whose 2026 副高级 engineering declarations passed the review and were filed under
 * `DEMO_FILING_DOC_NO` (status `filed`, `review_passed` true), so the issuing screen (证书发放) has data out of the
 * box. They sign in with the demo password; none has a certificate yet.
 */
export async function seedFiledDeclarations(
  m: EntityManager,
  deps: { crypto: CryptoService; passwordHash: string; orgs: Map<string, Organisation>; idCard: (first17: string) => string },
): Promise<{ username: string; name: string; idCard: string }[]> {
  const committee = deps.orgs.get('committee');
  const unit = deps.orgs.get('unit');
  const [batch] = (await m.query(`SELECT id FROM batches WHERE committee_id = $1 AND year = 2026 AND kind = 'review' LIMIT 1`, [committee?.id])) as { id: string }[];
  const [title] = (await m.query(`SELECT id FROM titles WHERE series_code = 'GC' AND level = 'vice_senior' LIMIT 1`)) as { id: string }[];
  if (!committee || !unit || !batch || !title) return [];
  const people = [
    { username: 'filed_li', name: '李明', first17: '32010219850412345', profession: 'GC01' },
    { username: 'filed_wang', name: '王芳', first17: '32010219880923456', profession: 'GC02' },
    { username: 'filed_chen', name: '陈刚', first17: '32010219820115567', profession: 'GC03' },
  ];
  const out: { username: string; name: string; idCard: string }[] = [];
  for (const p of people) {
    const idCard = deps.idCard(p.first17);
    out.push({ username: p.username, name: p.name, idCard });
    if (await m.getRepository(User).exists({ where: { username: p.username } })) continue;
    const mobile = `1370000${p.first17.slice(-4)}`;
    const u = await m.getRepository(User).save({
      username: p.username,
      role: 'applicant' as User['role'],
      organisationId: null,
      realName: p.name,
      idCardEnc: deps.crypto.encrypt(idCard),
      idCardHash: deps.crypto.blindIndex(idCard),
      mobileEnc: deps.crypto.encrypt(mobile),
      mobileHash: deps.crypto.blindIndex(mobile),
      email: `${p.username}@demo.zhicheng.local`,
      passwordHash: deps.passwordHash,
    });
    await m.query(
      `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_org_id,
                                 unit_nature, region_code, method, status, review_passed, filing_doc_no, filed_on, version)
       VALUES ($1, $2, 2026, 'review', 'vice_senior', 'GC', $3, $4, $5, $6, 'enterprise', '320102', '正常晋升', 'filed', true, $7, '2026-06-30', 1)`,
      [u.id, batch.id, title.id, p.profession, committee.id, unit.id, DEMO_FILING_DOC_NO],
    );
  }
  return out;
}
