import { Module } from '@nestjs/common';
import { ExpertsModule } from '../experts/experts.module.js';
import { ExpertRecordsController } from './expert-records.controller.js';
import { ExpertRecordsService } from './expert-records.service.js';
import { DrawParticipationSource, ExpertParticipationSource } from './participation.source.js';

/** C-08: expert records, with each expert's participation read from the draw table (issue 7). */
@Module({
  imports: [ExpertsModule],
  controllers: [ExpertRecordsController],
  providers: [ExpertRecordsService, { provide: ExpertParticipationSource, useClass: DrawParticipationSource }],
})
export class ExpertRecordsModule {}
