import { Module } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CertificateSealService } from './seal/certificate-seal.service.js';
import { CertificateGrantService } from './verification/grant.service.js';
import { VerificationLog } from './verification/verification-log.js';
import { SEAL_SIGNER, SoftwareSealSigner, loadSealBundle } from './seal/signer.js';
import { CertificateController } from './certificate.controller.js';
import { CertificateApplicationController } from './certificate-application.controller.js';
import { CertificateApplicationService } from './certificate-application.service.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { CertificateSigner } from './certificate-signer.js';
import { CertificateService } from './certificate.service.js';
import { CertificateBatchService } from './certificate-batch.service.js';
import { CertificateIssueImporter } from './certificate-issue-import.js';
import { CertificateWorker } from './certificate-worker.service.js';
import { DevMinistryGateway, MinistryGateway, MinistryReportService } from './ministry-report.service.js';
import { NumberPoolController } from './number-pool.controller.js';
import { NumberPoolService } from './number-pool.service.js';

/**
 * Certificates (issue 8): number pool, idempotent issuance core, signed e-certificate PDF,
 * public verification (P-01), revoke, query and export (A-16, C-12), my certificates (H-12),
 * historical registration (H-10) and reissue/replacement (H-11) with their audit; issuance batches from four
 * sources with a resumable DB-leased worker and the ministry report through the outbox.
 */
@Module({
  controllers: [CertificateController, CertificateApplicationController, NumberPoolController],
  providers: [
    CertificateService, CertificateIssuer, CertificateSigner, CertificateApplicationService,
    CertificateBatchService, CertificateIssueImporter, CertificateWorker, MinistryReportService,
    DevMinistryGateway, CertificateSealService, VerificationLog, CertificateGrantService, NumberPoolService,
    // P-05 seal signer: software SM2 keys from the bundle (development CA in development and tests). Production plugs a
    // certified signing device or service here: any `SealSigner` implementation (see seal/signer.ts).
    {
      provide: SEAL_SIGNER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.env === 'production' && !existsSync(config.sealBundleFile)) throw new Error(`电子印章密钥文件不存在：${config.sealBundleFile}`);
        return new SoftwareSealSigner(loadSealBundle(config.sealBundleFile));
      },
    },
    // The ministry channel: the development gateway until the ministry's interface is configured.
    { provide: MinistryGateway, useExisting: DevMinistryGateway },
  ],
  exports: [CertificateSealService, CertificateApplicationService, CertificateService, CertificateIssuer, CertificateSigner, CertificateWorker, CertificateBatchService, MinistryReportService],
})
export class CertificateModule {}
