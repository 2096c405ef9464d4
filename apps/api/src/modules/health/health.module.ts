import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { ClockController } from './clock.controller.js';

@Module({ controllers: [HealthController, ClockController] })
export class HealthModule {}
