import { Module } from '@nestjs/common';
import { EligibilityController } from './eligibility.controller.js';
import { EligibilityService } from './eligibility.service.js';

/** H-14 and the batch's declaration-side rules of 人社部令第40号 (used by the declaration and audit modules). */
@Module({ controllers: [EligibilityController], providers: [EligibilityService], exports: [EligibilityService] })
export class EligibilityModule {}
