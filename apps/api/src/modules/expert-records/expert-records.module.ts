import { Module } from '@nestjs/common';
import { ExpertsModule } from '../experts/experts.module.js';
import { ExpertRecordsController } from './expert-records.controller.js';
import { ExpertRecordsService } from './expert-records.service.js';
import { ExpertParticipationSource, PendingParticipationSource } from './participation.source.js';

/** C-08: expert records. Bind a draw-table-backed ExpertParticipationSource here once review plans are merged. */
@Module({
  imports: [ExpertsModule],
  controllers: [ExpertRecordsController],
  providers: [ExpertRecordsService, { provide: ExpertParticipationSource, useClass: PendingParticipationSource }],
})
export class ExpertRecordsModule {}
