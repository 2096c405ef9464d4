import { Global, Module } from '@nestjs/common';
import { ExcelService } from './excel.service.js';
import { ImportsController } from './imports.controller.js';

/** generic streaming import/export; domain modules register their importers on start. */
@Global()
@Module({ controllers: [ImportsController], providers: [ExcelService], exports: [ExcelService] })
export class ExcelModule {}
