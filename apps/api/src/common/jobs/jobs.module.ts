import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JOBS_DATABASE_URL, JobsService } from './jobs.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsAdminService } from './jobs-admin.service.js';

/** the pg-boss job queue, available to every module (`JobsService.define/recurring/send`). */
@Global()
@Module({})
export class JobsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobsModule,
      controllers: [JobsController],
      providers: [{ provide: JOBS_DATABASE_URL, useValue: databaseUrl }, JobsService, JobsAdminService],
      exports: [JobsService],
    };
  }
}
