import { Module } from '@nestjs/common';
import { StageScheduleService } from './stage-schedule.service.js';

/** X-06 scheduled stage changes and reminders (recurring jobs). */
@Module({ providers: [StageScheduleService], exports: [StageScheduleService] })
export class ScheduleModule {}
