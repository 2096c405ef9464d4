import { Module } from '@nestjs/common';
import { ExpertsController } from './experts.controller.js';
import { ExpertsService } from './experts.service.js';

/** The expert pool (评委库): managed by title offices and committees, used by the expert draw. */
@Module({ controllers: [ExpertsController], providers: [ExpertsService], exports: [ExpertsService] })
export class ExpertsModule {}
