import { Module } from '@nestjs/common';

/** The blacklist domain. Its routes arrive with the issue that builds it (see docs/FEATURES.md). */
@Module({})
export class BlacklistModule {}
