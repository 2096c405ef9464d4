import { Module } from '@nestjs/common';
import { CommitteeController } from './committee.controller.js';
import { CommitteeService } from './committee.service.js';

/** The committee domain: committee records now; review work arrives with its issue. */
@Module({ controllers: [CommitteeController], providers: [CommitteeService], exports: [CommitteeService] })
export class CommitteeModule {}
