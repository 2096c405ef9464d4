import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './config/config.js';
import { CoreModule } from './common/core.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { JwtAuthGuard, PermissionGuard, RateLimitGuard } from './common/auth/guards.js';
import { dataSourceOptions } from './database/data-source.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuditLogModule } from './modules/audit-log/audit-log.module.js';
import { AuditTreeModule } from './modules/audit-tree/audit-tree.module.js';
import { BlacklistModule } from './modules/blacklist/blacklist.module.js';
import { CertificateModule } from './modules/certificate/certificate.module.js';
import { CommitteeModule } from './modules/committee/committee.module.js';
import { ExpertsModule } from './modules/experts/experts.module.js';
import { DeclarationModule } from './modules/declaration/declaration.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { FilesModule } from './modules/files/files.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ExcelModule } from './common/excel/excel.module.js';
import { CalendarModule } from './common/calendar/calendar.module.js';
import { ReferenceModule } from './modules/reference/reference.module.js';
import { NoticesModule } from './modules/notices/notices.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { ScoringModule } from './modules/scoring/scoring.module.js';
import { QuotaModule } from './modules/quota/quota.module.js';
import { BatchProposalModule } from './modules/batch-proposal/batch-proposal.module.js';
import { JobsModule } from './common/jobs/jobs.module.js';
import { EligibilityModule } from './modules/eligibility/eligibility.module.js';
import { ScheduleModule } from './modules/schedule/schedule.module.js';
import { ExpertRecordsModule } from './modules/expert-records/expert-records.module.js';
import { WorkbenchModule } from './modules/workbench/workbench.module.js';
import { DashboardModule } from './modules/dashboard/dashboard.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, poolSize: number): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, poolSize, config.db)),
        JobsModule.forRoot(databaseUrl),
        AuditLogModule,
        NoticesModule,
        HealthModule,
        AccountsModule,
        ExcelModule,
        CalendarModule,
        ReferenceModule,
        OrganisationsModule,
        FilesModule,
        DeclarationModule,
        AuditModule,
        AuditTreeModule,
        CommitteeModule,
        ExpertsModule,
        ScoringModule,
        CertificateModule,
        QuotaModule,
        BatchProposalModule,
        ExpertRecordsModule,
        WorkbenchModule,
        DashboardModule,
        BlacklistModule,
        EligibilityModule,
        ScheduleModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Order matters: rate limits first, then authentication, then the route's permission.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
      ],
    };
  }
}
