import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';
import { DashboardSnapshotService } from './dashboard-snapshot.service.js';
import { WaitingDashboardService } from './waiting-dashboard.service.js';
import { ApplicantHomeService } from './applicant-home.service.js';

/** A-30 where-is-it-waiting: a per-minute snapshot of the declarations on their way, read within each user's scope. */
@Module({
  controllers: [DashboardController],
  providers: [DashboardSnapshotService, WaitingDashboardService, ApplicantHomeService],
  exports: [DashboardSnapshotService],
})
export class DashboardModule {}
