/** P-01: the certificate contract shared by the API and the SPA. */

/** What the public verification answers: the minimum (masked ID, no phone, no internal ids). */
export interface PublicCertificateView {
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
