import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller.js';
import { AuditRecorder } from '../../common/audit/audit-recorder.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditChainService } from './audit-chain.service.js';
import { AuditLogQueryService } from './audit-log-query.service.js';

@Global()
@Module({
  controllers: [AuditLogController],
  providers: [AuditLogService, AuditLogQueryService, AuditChainService, { provide: AuditRecorder, useExisting: AuditLogService }],
  exports: [AuditLogService, AuditChainService, AuditRecorder],
})
export class AuditLogModule {}
