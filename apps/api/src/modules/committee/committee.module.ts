import { Module } from '@nestjs/common';
import { DeclarationModule } from '../declaration/declaration.module.js';
import { CommitteeController } from './committee.controller.js';
import { CommitteeService } from './committee.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewService } from './review.service.js';

/** The committee domain: committee records; C-02..C-07 review plans with the office's A-09..A-11, A-21, A-22. */
@Module({ imports: [DeclarationModule], controllers: [CommitteeController, ReviewController], providers: [CommitteeService, ReviewService], exports: [CommitteeService, ReviewService] })
export class CommitteeModule {}
