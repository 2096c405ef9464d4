import { Module } from '@nestjs/common';

/** The committee domain. Its routes arrive with the issue that builds it (see docs/FEATURES.md). */
@Module({})
export class CommitteeModule {}
