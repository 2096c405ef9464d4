import { Module } from '@nestjs/common';
import { CertificateController } from './certificate.controller.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { CertificateSigner } from './certificate-signer.js';
import { CertificateService } from './certificate.service.js';

/**
 * Certificates (issue 8): number pool, idempotent issuance core, signed e-certificate PDF,
 * public verification (P-01), revoke, query and export (A-16, C-12), my certificates (H-12).
 */
@Module({
  controllers: [CertificateController],
  providers: [CertificateService, CertificateIssuer, CertificateSigner],
  exports: [CertificateService, CertificateIssuer, CertificateSigner],
})
export class CertificateModule {}
