import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { BatchProposalApproveDto, BatchProposalDtoIn, BatchProposalQueryDto, BatchProposalReturnDto, UpdateBatchProposalDto } from './dto/batch-proposal.dto.js';
import { BatchProposalService } from './batch-proposal.service.js';

/** C-09 年度批次信息提交 (committee); approval by the title office creates the 申报批次. */
@Controller('batch-proposals')
export class BatchProposalController {
  constructor(private readonly proposals: BatchProposalService) {}

  @Get()
  @RequirePermission(Permission.BatchProposalRead)
  list(@CurrentUser() user: AuthUser, @Query() q: BatchProposalQueryDto): ReturnType<BatchProposalService['list']> {
    return this.proposals.list(user, q);
  }

  @Get(':id')
  @RequirePermission(Permission.BatchProposalRead)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): ReturnType<BatchProposalService['get']> {
    return this.proposals.get(user, id);
  }

  @Post()
  @RequirePermission(Permission.BatchProposalSubmit)
  create(@CurrentUser() user: AuthUser, @Body() dto: BatchProposalDtoIn): ReturnType<BatchProposalService['create']> {
    return this.proposals.create(user, dto);
  }

  @Put(':id')
  @RequirePermission(Permission.BatchProposalSubmit)
  resubmit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateBatchProposalDto): ReturnType<BatchProposalService['resubmit']> {
    return this.proposals.resubmit(user, id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.ReferenceManage)
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BatchProposalApproveDto): ReturnType<BatchProposalService['approve']> {
    return this.proposals.approve(user, id, dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission(Permission.ReferenceManage)
  return(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: BatchProposalReturnDto): ReturnType<BatchProposalService['return']> {
    return this.proposals.return(user, id, dto);
  }
}
