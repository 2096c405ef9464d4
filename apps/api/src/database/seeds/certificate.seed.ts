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
