import { Module } from '@nestjs/common';
import { BlacklistController } from './blacklist.controller.js';
import { BlacklistService } from './blacklist.service.js';

/** B-01..B-05: add, edit, view, lift and export blacklist entries; submission checks go through `assertNotBlacklisted`. */
@Module({ controllers: [BlacklistController], providers: [BlacklistService], exports: [BlacklistService] })
export class BlacklistModule {}
