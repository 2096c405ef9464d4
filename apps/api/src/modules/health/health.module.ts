import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { ClockController } from './clock.controller.js';
import { ApiDocs, ApiDocsController } from './api-docs.controller.js';

@Module({ controllers: [HealthController, ClockController, ApiDocsController], providers: [ApiDocs], exports: [ApiDocs] })
export class HealthModule {}
