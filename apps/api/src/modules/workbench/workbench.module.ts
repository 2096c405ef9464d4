import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuditTreeModule } from '../audit-tree/audit-tree.module.js';
import { BatchProposalModule } from '../batch-proposal/batch-proposal.module.js';
import { CertificateModule } from '../certificate/certificate.module.js';
import { CommitteeModule } from '../committee/committee.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { WorkbenchController } from './workbench.controller.js';
import { WorkbenchService } from './workbench.service.js';

/** U-13 工作台: reads the other domains through their public services; no domain imports it. */
@Module({
  imports: [AuditModule, AuditTreeModule, BatchProposalModule, CertificateModule, CommitteeModule, OrganisationsModule, ReferenceModule, ScoringModule],
  controllers: [WorkbenchController],
  providers: [WorkbenchService],
})
export class WorkbenchModule {}
