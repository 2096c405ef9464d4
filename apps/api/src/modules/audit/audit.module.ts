import { Module } from '@nestjs/common';
import { AuditTreeModule } from '../audit-tree/audit-tree.module.js';
import { BlacklistModule } from '../blacklist/blacklist.module.js';
import { DeclarationModule } from '../declaration/declaration.module.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** Issue 6: the audit workflow from the unit to the title office (U-03..U-06, U-10, A-08, A-22, A-24, A-25, P-02). */
@Module({
  imports: [DeclarationModule, AuditTreeModule, BlacklistModule],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
