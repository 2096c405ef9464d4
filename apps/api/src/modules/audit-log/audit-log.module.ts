import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller.js';
import { AuditRecorder } from '../../common/audit/audit-recorder.js';
import { AuditLogService } from './audit-log.service.js';

@Global()
@Module({
  controllers: [AuditLogController],
  providers: [AuditLogService, { provide: AuditRecorder, useExisting: AuditLogService }],
  exports: [AuditLogService, AuditRecorder],
})
export class AuditLogModule {}
