import { Body, Controller, Delete, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { Permission } from '@zhicheng/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, RequirePermission } from '../auth/decorators.js';
import { CalendarService } from './calendar.service.js';

class SetDayDto {
  @IsBoolean({ message: '请选择工作日或休息日' })
  working: boolean;

  @IsOptional()
  @IsString({ message: '名称应为文字' })
  @MaxLength(50, { message: '名称不能超过50字' })
  name?: string | null;
}

/** A-29 工作日历: the year for everyone signed in; the title office edits days (and imports a year via /imports/calendar). */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':year')
  @RequirePermission(Permission.ReferenceRead)
  year(@Param('year', ParseIntPipe) year: number) {
    return this.calendar.year(year);
  }

  @Put('days/:date')
  @RequirePermission(Permission.CalendarManage)
  setDay(@CurrentUser() user: AuthUser, @Param('date') date: string, @Body() dto: SetDayDto) {
    return this.calendar.setDay(user, date, dto.working, dto.name ?? null);
  }

  @Delete('days/:date')
  @RequirePermission(Permission.CalendarManage)
  clearDay(@CurrentUser() user: AuthUser, @Param('date') date: string) {
    return this.calendar.clearDay(user, date);
  }
}
