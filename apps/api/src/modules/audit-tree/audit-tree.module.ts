import { Module } from '@nestjs/common';

/** The audit-tree domain. Its routes arrive with the issue that builds it (see docs/FEATURES.md). */
@Module({})
export class AuditTreeModule {}
