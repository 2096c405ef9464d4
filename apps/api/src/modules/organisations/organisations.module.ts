import { Module } from '@nestjs/common';
import { OrganisationsController, UnitPermissionController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';
import { UnitPermissionService } from './unit-permission.service.js';

@Module({
  controllers: [OrganisationsController, UnitPermissionController],
  providers: [OrganisationsService, UnitPermissionService],
  exports: [OrganisationsService, UnitPermissionService],
})
export class OrganisationsModule {}
