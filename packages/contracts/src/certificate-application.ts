/**
 * H-10 历史职称数据登记 and H-11 证书补办/换发 (seed 002 第四章、第五章): the kinds, the choices and the named
 * documents, shared by the hall form and the API.
 *
 *   POST /api/me/certificate-applications
 *     historical: { kind, certificateNo, seriesCode, titleName, titleLevel, professionName, qualificationDate,
 *                   approvalDocNo, committeeName, regionCode, issuerOrgId, documents }
 *     reissue:    { kind, sourceCertificateId, declareType, businessType, regionCode, issuerOrgId, documents }
 *   `documents` maps a slot key below to one uploaded PDF's id; one file (by content hash) fills one slot only.
 */

export const CertificateApplicationKind = { Historical: 'historical', Reissue: 'reissue' } as const;
export type CertificateApplicationKind = (typeof CertificateApplicationKind)[keyof typeof CertificateApplicationKind];
export const CERTIFICATE_APPLICATION_KIND_LABELS: Record<CertificateApplicationKind, string> = {
  historical: '历史职称数据登记',
  reissue: '证书补办/换发',
};

/** 申报类型 of a reissue: the certificate came from a review (评审) or an initial determination (初定). */
export const ReissueDeclareType = { Review: 'review', Initial: 'initial' } as const;
export type ReissueDeclareType = (typeof ReissueDeclareType)[keyof typeof ReissueDeclareType];
export const REISSUE_DECLARE_TYPE_LABELS: Record<ReissueDeclareType, string> = { review: '评审', initial: '初定' };

/** 业务类别 of a reissue: 补办 (lost) or 换发 (replaced). */
export const ReissueBusinessType = { Reissue: 'reissue', Replace: 'replace' } as const;
export type ReissueBusinessType = (typeof ReissueBusinessType)[keyof typeof ReissueBusinessType];
export const REISSUE_BUSINESS_TYPE_LABELS: Record<ReissueBusinessType, string> = { reissue: '补办', replace: '换发' };

export interface ApplicationDocumentSlot {
  key: string;
  label: string;
}

/** Seed 002 第四章: 申报表、老证书、批文, at least two of them. */
export const HISTORICAL_DOCUMENT_SLOTS: readonly ApplicationDocumentSlot[] = [
  { key: 'declarationForm', label: '申报表' },
  { key: 'oldCertificate', label: '老证书' },
  { key: 'approvalDocument', label: '批文' },
];
export const HISTORICAL_MIN_DOCUMENTS = 2;

/** Seed 002 第五章: 原申报表/老证书/批文、证书作废登报声明、证书补办（换发）申请表, all three. */
export const REISSUE_DOCUMENT_SLOTS: readonly ApplicationDocumentSlot[] = [
  { key: 'originalDocuments', label: '原申报表/老证书/批文' },
  { key: 'voidNotice', label: '证书作废登报声明' },
  { key: 'applicationForm', label: '证书补办（换发）申请表' },
];

export function documentSlotsOf(kind: CertificateApplicationKind): readonly ApplicationDocumentSlot[] {
  return kind === 'reissue' ? REISSUE_DOCUMENT_SLOTS : HISTORICAL_DOCUMENT_SLOTS;
}

/**
 * The document rule of an application: known slots only, one file per slot, the required ones present, and one
 * file (by id, and by content hash when `hashOf` knows it) in one slot only. Answers messages keyed `documents.<slot>`
 * (or `documents` for the whole), empty when the documents are acceptable.
 */
export function validateApplicationDocuments(
  kind: CertificateApplicationKind,
  documents: Record<string, unknown> | null | undefined,
  hashOf: (fileId: string) => string | undefined = () => undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  const slots = documentSlotsOf(kind);
  const docs = documents && typeof documents === 'object' && !Array.isArray(documents) ? documents : {};
  for (const k of Object.keys(docs)) if (!slots.some((s) => s.key === k)) out[`documents.${k}`] = '不允许的材料';
  const filled = slots.filter((s) => typeof docs[s.key] === 'string' && docs[s.key] !== '');
  for (const s of filled) if (!/^[0-9a-f-]{36}$/i.test(docs[s.key] as string)) out[`documents.${s.key}`] = `${s.label}文件标识有误`;
  if (kind === 'reissue') {
    for (const s of slots) if (!filled.includes(s)) out[`documents.${s.key}`] = `请上传${s.label}（PDF）`;
  } else if (filled.length < HISTORICAL_MIN_DOCUMENTS) {
    out['documents'] = `申报表、老证书、批文至少上传${HISTORICAL_MIN_DOCUMENTS}项（PDF）`;
  }
  const seen = new Map<string, string>();
  for (const s of filled) {
    const id = docs[s.key] as string;
    const key = hashOf(id) ?? id;
    const first = seen.get(key);
    if (first) out[`documents.${s.key}`] = `${s.label}与${first}是同一文件，请分别上传`;
    else seen.set(key, s.label);
  }
  return out;
}
