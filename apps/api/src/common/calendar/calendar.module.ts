import { Global, Module } from '@nestjs/common';
import { ExcelModule } from '../excel/excel.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarImporter } from './calendar-import.js';
import { CalendarService } from './calendar.service.js';

/** the working-day calendar, available to every module (`CalendarService`). */
@Global()
@Module({ imports: [ExcelModule], controllers: [CalendarController], providers: [CalendarService, CalendarImporter], exports: [CalendarService] })
export class CalendarModule {}
