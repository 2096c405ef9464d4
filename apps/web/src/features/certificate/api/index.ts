import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@zhicheng/contracts';
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
  reportedStatus: string;
  signatureValid: boolean;
  version: number;
}

export interface PublicCertificate {
  certificateNo: string;
  holderName: string;
  holderIdCard: string;
  titleName: string;
  titleLevel: string;
  professionName: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  issuerName: string;
  issueDate: string;
  status: 'valid' | 'revoked';
  statusLabel: string;
  revokedAt: string | null;
  signatureValid: boolean;
  signatureLabel: string;
}

export interface CertificateQuery {
  page: number;
  pageSize: number;
  name?: string;
  certificateNo?: string;
  titleName?: string;
  status?: 'valid' | 'revoked';
  issuedFrom?: string;
  issuedTo?: string;
}

const keys = { all: ['certificates'] as const };

export function useCertificates(q: CertificateQuery) {
  return useQuery({ queryKey: [...keys.all, 'list', q], queryFn: () => api.get<Page<CertificateItem>>('/certificates', { ...q }), placeholderData: keepPreviousData });
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
  kind: 'historical' | 'reissue';
  kindLabel: string;
  titleName: string;
  titleLevel: string;
  professionName: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  originalCertificateNo: string | null;
  reason: string | null;
  status: 'submitted' | 'approved' | 'rejected';
  reviewComment: string | null;
  createdAt: string;
  version: number;
}

export function useMyApplications() {
  return useQuery({ queryKey: [...keys.all, 'applications', 'mine'], queryFn: () => api.get<{ items: CertificateApplicationItem[] }>('/me/certificate-applications') });
}

export function useIssuers() {
  return useQuery({ queryKey: ['certificate-issuers'], queryFn: () => api.get<{ items: { id: string; name: string; issuerCode: string }[] }>('/certificate-issuers') });
}

export function useSubmitApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<CertificateApplicationItem>('/me/certificate-applications', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useApplications(q: { page: number; pageSize: number; status?: string }) {
  return useQuery({ queryKey: [...keys.all, 'applications', q], queryFn: () => api.get<Page<CertificateApplicationItem & { holderName: string; fileIds: string[] }>>('/certificate-applications', { ...q }), placeholderData: keepPreviousData });
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
