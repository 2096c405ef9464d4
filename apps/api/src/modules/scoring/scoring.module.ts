import { Module } from '@nestjs/common';
import { CommitteeModule } from '../committee/committee.module.js';
import { ScoringController } from './scoring.controller.js';
import { ScoringService } from './scoring.service.js';

/** The expert workspace (E-01..E-05): material review, scores, votes and opinions on the plans an expert was drawn for. */
@Module({ imports: [CommitteeModule], controllers: [ScoringController], providers: [ScoringService], exports: [ScoringService] })
export class ScoringModule {}
