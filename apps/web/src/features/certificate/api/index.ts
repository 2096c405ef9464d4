import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CertificateApplicationKind, Page, PublicCertificateView } from '@zhicheng/contracts';
import { api, fetchBlob } from '../../../lib/api';
import { uploadFile } from '../../../lib/upload';

export interface CertificateItem {
  id: string;
  certificateNo: string;
  verificationCode: string;
  holderName: string;
  holderIdCard: string;
  titleName: string;
  seriesCode: string;
  professionName: string;
  titleLevel: string;
  titleLevelLabel: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  issuerName: string;
  issueDate: string;
  kind: string;
  kindLabel: string;
  status: 'valid' | 'revoked';
  revokeReason: string | null;
  revokedAt: string | null;
  hasECertificate: boolean;
  /** P-05: sealed into OFD, and the QR text (online link + SM2-signed payload). */
  sealed: boolean;
  qrText: string | null;
  reportedStatus: string;
  reportedStatusLabel: string;
  reportError: string | null;
  reportedAt: string | null;
  reportAttempts: number;
  signatureValid: boolean;
  version: number;
}

export type PublicCertificate = PublicCertificateView;

export interface CertificateQuery {
  page: number;
  pageSize: number;
  name?: string;
  certificateNo?: string;
  titleName?: string;
  status?: 'valid' | 'revoked';
  issuedFrom?: string;
  issuedTo?: string;
  reportedStatus?: ReportedStatus;
}

export type ReportedStatus = 'unreported' | 'pending' | 'reported' | 'failed';

const keys = { all: ['certificates'] as const };

export function useCertificates(q: CertificateQuery, opts: { pollMs?: number | false } = {}) {
  return useQuery({
    queryKey: [...keys.all, 'list', q],
    queryFn: () => api.get<Page<CertificateItem>>('/certificates', { ...q }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.pollMs ?? false,
  });
}

export function useMyCertificates() {
  return useQuery({ queryKey: [...keys.all, 'mine'], queryFn: () => api.get<{ items: CertificateItem[] }>('/me/certificates') });
}

export function useRevokeCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; reason: string }) => api.post<CertificateItem>(`/certificates/${id}/revoke`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function verifyCertificate(body: { name: string; idCard: string; certificateNo?: string; verificationCode?: string }) {
  return api.post<{ items: PublicCertificate[] }>('/public/certificates/verify', body);
}

export function verifyByCode(code: string) {
  return api.get<{ items: PublicCertificate[] }>(`/public/certificates/verify/${encodeURIComponent(code)}`);
}

/** Opens a PDF from the API (with the session) in a new tab for preview. */
export async function previewPdf(path: string): Promise<void> {
  const url = URL.createObjectURL(await fetchBlob(path));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// ---------- H-10 / H-11 applications ----------

export interface CertificateApplicationItem {
  id: string;
  kind: CertificateApplicationKind;
  kindLabel: string;
  titleName: string;
  seriesCode: string;
  titleLevel: string;
  professionName: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  originalCertificateNo: string | null;
  sourceCertificateId: string | null;
  declareTypeLabel: string | null;
  businessTypeLabel: string | null;
  regionCode: string | null;
  reason: string | null;
  documents: { slot: string; label: string; fileId: string }[];
  status: 'submitted' | 'approved' | 'rejected';
  reviewComment: string | null;
  createdAt: string;
  version: number;
}

/** A 申报点 (an issuer) with its region: the 所属行政区划 → 所属申报点 cascade. */
export interface ApplicationIssuer {
  id: string;
  name: string;
  issuerCode: string;
  regionCode: string;
  regionName: string;
}

export function useMyApplications() {
  return useQuery({ queryKey: [...keys.all, 'applications', 'mine'], queryFn: () => api.get<{ items: CertificateApplicationItem[] }>('/me/certificate-applications') });
}

export function useIssuers() {
  return useQuery({ queryKey: ['certificate-issuers'], queryFn: () => api.get<{ items: ApplicationIssuer[] }>('/certificate-issuers') });
}

/** The national series catalogue with Chinese names (系列). */
export function useTitleSeries() {
  return useQuery({ queryKey: ['reference', 'title-series'], queryFn: () => api.get<{ code: string; name: string }[]>('/title-series'), staleTime: 300_000 });
}

export function useSubmitApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<CertificateApplicationItem>('/me/certificate-applications', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useApplications(q: { page: number; pageSize: number; status?: string }) {
  return useQuery({ queryKey: [...keys.all, 'applications', q], queryFn: () => api.get<Page<CertificateApplicationItem & { holderName: string }>>('/certificate-applications', { ...q }), placeholderData: keepPreviousData });
}

export function useReviewApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; decision: 'approve' | 'reject'; comment?: string }) => api.post(`/certificate-applications/${id}/review`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Uploads one PDF through the files module (purpose certificate-application). */
export function uploadProofPdf(file: File): Promise<{ id: string; name: string }> {
  return uploadFile(file, { purpose: 'certificate-application', sizeClass: 'large' });
}

// ---------- issuance ----------

export interface IssuableDeclaration {
  id: string;
  applicantName: string;
  idCard: string;
  titleName: string;
  seriesCode: string;
  titleLevel: string;
  titleLevelLabel: string;
  professionName: string;
  committeeName: string;
  batchName: string;
  year: number;
  filingDocNo: string | null;
  filedOn: string | null;
  certificateId: string | null;
  certificateNo: string | null;
}

export interface IssuableFilters {
  batchId?: string;
  year?: number;
  committeeId?: string;
  seriesCode?: string;
  titleLevel?: string;
  filingDocNo?: string;
  name?: string;
  issued?: 'yes' | 'no';
}

export interface IssueBatch {
  id: string;
  source: 'selection' | 'filing_doc' | 'query' | 'import';
  sourceLabel: string;
  description: string;
  approvalDocNo: string | null;
  status: 'pending' | 'running' | 'done';
  statusLabel: string;
  total: number;
  done: number;
  issued: number;
  existing: number;
  failed: number;
  percent: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface IssueBatchItem {
  seq: number;
  rowNo: number | null;
  applicantName: string;
  idCard: string;
  titleName: string;
  status: string;
  statusLabel: string;
  certificateNo: string | null;
  error: string | null;
}

export function useIssuable(q: IssuableFilters & { page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: [...keys.all, 'issuable', q],
    queryFn: () => api.get<Page<IssuableDeclaration>>('/certificates/issuable-declarations', { ...q }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function countIssuable(f: IssuableFilters): Promise<number> {
  return api.get<Page<IssuableDeclaration>>('/certificates/issuable-declarations', { ...f, page: 1, pageSize: 1 }).then((p) => p.total);
}

export function useCreateIssueBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<IssueBatch>('/certificates/issue-batches', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** The batches; polls while one is unfinished. */
export function useIssueBatches(q: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys.all, 'batches', q],
    queryFn: () => api.get<Page<IssueBatch>>('/certificates/issue-batches', { ...q }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((b) => b.status !== 'done') ? 1000 : false),
  });
}

/** One batch's progress, polled every second until it is done. */
export function useIssueBatch(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...keys.all, 'batch', id],
    queryFn: async () => {
      const b = await api.get<IssueBatch>(`/certificates/issue-batches/${id}`);
      if (b.status === 'done') {
        // The lists follow: certificate numbers in the declarations, the batch row in 发证批次.
        void qc.invalidateQueries({ queryKey: [...keys.all, 'issuable'] });
        void qc.invalidateQueries({ queryKey: [...keys.all, 'batches'] });
      }
      return b;
    },
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'done' ? false : 1000),
  });
}

export function useIssueBatchItems(id: string | null, q: { page: number; pageSize: number; status?: string }) {
  return useQuery({
    queryKey: [...keys.all, 'batch-items', id, q],
    queryFn: () => api.get<Page<IssueBatchItem>>(`/certificates/issue-batches/${id}/items`, { ...q }),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

// ---------- A-14 ministry report ----------

export function useReportSummary() {
  return useQuery({
    queryKey: [...keys.all, 'report-summary'],
    queryFn: () => api.get<Record<ReportedStatus, number>>('/certificates/ministry-report/summary'),
    refetchInterval: (query) => (query.state.data?.pending ? 1000 : false),
  });
}

export function useMinistryReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ retry, ...body }: { retry?: boolean; certificateIds?: string[]; all?: boolean }) =>
      api.post<{ queued: number; skipped: number }>(retry ? '/certificates/ministry-report/retry' : '/certificates/ministry-report', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

// ---------- H-15 holder-controlled verification ----------

export interface VerificationGrant {
  id: string;
  certificateId: string;
  certificateNo: string;
  purpose: string;
  code: string;
  validUntil: string;
  createdAt: string;
  revokedAt: string | null;
  state: 'valid' | 'revoked' | 'expired';
  stateLabel: string;
  url: string;
  qrDataUrl: string | null;
}

export interface VerificationRecord {
  id: string;
  certificateNo: string;
  channel: string;
  channelLabel: string;
  requester: string;
  grantPurpose: string | null;
  createdAt: string;
}

export function useMyGrants() {
  return useQuery({ queryKey: [...keys.all, 'grants'], queryFn: () => api.get<{ items: VerificationGrant[] }>('/me/certificate-grants') });
}

export function useMyVerifications(page: number) {
  return useQuery({
    queryKey: [...keys.all, 'verifications', page],
    queryFn: () => api.get<Page<VerificationRecord>>('/me/certificate-verifications', { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateGrant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ certificateId, ...body }: { certificateId: string; purpose: string; validDays: number }) => api.post<VerificationGrant>(`/me/certificates/${certificateId}/grants`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...keys.all, 'grants'] }),
  });
}

export function useRevokeGrant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<VerificationGrant>(`/me/certificate-grants/${id}/revoke`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...keys.all, 'grants'] }),
  });
}

export interface GrantVerification {
  state: 'valid' | 'revoked' | 'expired' | 'unknown';
  message: string;
  purpose?: string;
  validUntil?: string;
  certificate: PublicCertificate | null;
}

export function verifyGrant(code: string) {
  return api.post<GrantVerification>('/public/certificates/verify-grant', { code });
}
