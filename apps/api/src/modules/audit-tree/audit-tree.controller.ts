import { Body, Controller, Delete, Get, Header, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { Permission, Role } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditTreeService } from './audit-tree.service.js';
import {
  ApplyPathDto,
  ConfigureEdgeDto,
  ConfirmLevelDto,
  EdgeQueryDto,
  ImportEdgesDto,
  OrgOptionQueryDto,
  RejectPathDto,
  SimulateDto,
  SubordinateDto,
} from './dto/audit-tree.dto.js';
import { EdgeImportService } from './edge-import.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { XLSX } from '../../openapi/media.js';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppException.validation({ id: '编号格式有误' }) });

function officeOnly(user: AuthUser): void {
  if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('仅职称管理部门可配置审核路径');
}

@Controller('audit-tree')
export class AuditTreeController {
  constructor(
    private readonly tree: AuditTreeService,
    private readonly importer: EdgeImportService,
  ) {}

  // U-07 / U-08 / U-09
  @Post('applications')
  @RequirePermission(Permission.PathApply)
  apply(@CurrentUser() user: AuthUser, @Body() dto: ApplyPathDto): ReturnType<AuditTreeService['apply']> {
    return this.tree.apply(user, dto);
  }

  /** The upper picker of 路径申请 (any active department, office, acceptance institution or committee, not only those in scope). */
  @Get('upper-options')
  @RequirePermission(Permission.PathApply)
  upperOptions(@CurrentUser() user: AuthUser, @Query() q: OrgOptionQueryDto): ReturnType<AuditTreeService['orgOptions']> {
    return this.tree.orgOptions(user, { ...q, side: q.side === 'committee' ? 'committee' : 'upper' });
  }

  @Get('applications/mine')
  @RequirePermission(Permission.PathApply)
  mine(@CurrentUser() user: AuthUser, @Query() q: EdgeQueryDto): ReturnType<AuditTreeService['myApplications']> {
    return this.tree.myApplications(user, q);
  }

  @Get('applications/to-review')
  @RequirePermission(Permission.PathReview)
  toReview(@CurrentUser() user: AuthUser, @Query() q: EdgeQueryDto): ReturnType<AuditTreeService['toReview']> {
    return this.tree.toReview(user, q);
  }

  @Post('applications/:id/approve')
  @RequirePermission(Permission.PathReview)
  approve(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<AuditTreeService['review']> {
    return this.tree.review(user, id, { approve: true });
  }

  @Post('applications/:id/reject')
  @RequirePermission(Permission.PathReview)
  reject(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RejectPathDto): ReturnType<AuditTreeService['review']> {
    return this.tree.review(user, id, { approve: false, reason: dto.reason });
  }

  //
  @Get('edges')
  @RequirePermission(Permission.PathConfigure)
  edges(@CurrentUser() user: AuthUser, @Query() q: EdgeQueryDto): ReturnType<AuditTreeService['listEdges']> {
    officeOnly(user);
    return this.tree.listEdges(user, q);
  }

  @Post('edges')
  @RequirePermission(Permission.PathConfigure)
  createEdge(@CurrentUser() user: AuthUser, @Body() dto: ConfigureEdgeDto): ReturnType<AuditTreeService['createEdge']> {
    officeOnly(user);
    return this.tree.createEdge(user, dto, 'config');
  }

  @Delete('edges/:id')
  @RequirePermission(Permission.PathConfigure)
  deleteEdge(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<AuditTreeService['deleteEdge']> {
    officeOnly(user);
    return this.tree.deleteEdge(user, id);
  }

  @Get('edges/import-template')
  @ApiProduces(XLSX)
  @RequirePermission(Permission.PathConfigure)
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审核路径导入模板.xlsx')}`)
  async template(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    officeOnly(user);
    return new StreamableFile(await this.importer.template());
  }

  @Post('edges/import')
  @RequirePermission(Permission.PathConfigure)
  importEdges(@CurrentUser() user: AuthUser, @Body() dto: ImportEdgesDto): ReturnType<EdgeImportService['import']> {
    officeOnly(user);
    return this.importer.import(user, dto.fileBase64, dto.commit === true);
  }

  // C-10 / C-11
  @Get('committees/:id/subordinates')
  @RequirePermission(Permission.PathConfigure)
  subordinates(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: EdgeQueryDto): ReturnType<AuditTreeService['subordinates']> {
    return this.tree.subordinates(user, id, q);
  }

  /** The lower picker of 评委会下级单位管理 (any active organisation but committees). */
  @Get('committees/:id/lower-options')
  @RequirePermission(Permission.PathConfigure)
  async lowerOptions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: OrgOptionQueryDto): Promise<Awaited<ReturnType<AuditTreeService['orgOptions']>>> {
    await this.tree.assertCommitteeInScope(user, id);
    return this.tree.orgOptions(user, { ...q, side: 'lower' });
  }

  @Post('committees/:id/subordinates')
  @RequirePermission(Permission.PathConfigure)
  addSubordinate(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SubordinateDto): ReturnType<AuditTreeService['addSubordinate']> {
    return this.tree.addSubordinate(user, id, dto);
  }

  @Delete('committees/:id/subordinates/:edgeId')
  @RequirePermission(Permission.PathConfigure)
  removeSubordinate(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('edgeId', uuid) edgeId: string): ReturnType<AuditTreeService['deleteEdge']> {
    return this.tree.deleteEdge(user, edgeId, id);
  }

  @Get('committees/:id/confirmations')
  @RequirePermission(Permission.PathConfigure)
  confirmations(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<AuditTreeService['confirmations']> {
    return this.tree.confirmations(user, id);
  }

  @Post('committees/:id/confirmations')
  @RequirePermission(Permission.PathConfigure)
  confirm(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ConfirmLevelDto): ReturnType<AuditTreeService['confirm']> {
    return this.tree.confirm(user, id, dto);
  }

  //
  @Get('orgs/:id/links')
  @RequirePermission(Permission.PathConfigure)
  links(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): ReturnType<AuditTreeService['links']> {
    officeOnly(user);
    return this.tree.links(user, id);
  }

  @Post('simulate')
  @RequirePermission(Permission.PathConfigure)
  simulate(@CurrentUser() user: AuthUser, @Body() dto: SimulateDto): ReturnType<AuditTreeService['simulate']> {
    officeOnly(user);
    return this.tree.simulate(user, dto);
  }
}
