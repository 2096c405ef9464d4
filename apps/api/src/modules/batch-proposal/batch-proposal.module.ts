import { Module } from '@nestjs/common';
import { BatchProposalController } from './batch-proposal.controller.js';
import { BatchProposalService } from './batch-proposal.service.js';

/** C-09: annual batch information submitted by committees, approved by title offices. */
@Module({ controllers: [BatchProposalController], providers: [BatchProposalService], exports: [BatchProposalService] })
export class BatchProposalModule {}
