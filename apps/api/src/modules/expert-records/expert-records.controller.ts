import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ExpertRecordDetailQueryDto, ExpertRecordQueryDto } from './dto/expert-records.dto.js';
import { ExpertRecordsService } from './expert-records.service.js';

/** C-08 评委申报记录查询. */
@Controller('expert-records')
export class ExpertRecordsController {
  constructor(private readonly records: ExpertRecordsService) {}

  @Get()
  @RequirePermission(Permission.ExpertRecordsRead)
  list(@CurrentUser() user: AuthUser, @Query() q: ExpertRecordQueryDto): ReturnType<ExpertRecordsService['list']> {
    return this.records.list(user, q);
  }

  @Get(':id')
  @RequirePermission(Permission.ExpertRecordsRead)
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() q: ExpertRecordDetailQueryDto): ReturnType<ExpertRecordsService['detail']> {
    return this.records.detail(user, id, q);
  }
}
