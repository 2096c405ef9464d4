import { Module } from '@nestjs/common';
import { AuditTreeController } from './audit-tree.controller.js';
import { AuditTreeService } from './audit-tree.service.js';
import { COMMITTEE_FACTS, SqlCommitteeFacts } from './committee-facts.js';
import { EdgeImportService } from './edge-import.service.js';
import { PathResolverService } from './path-resolver.service.js';

/**
 * The audit tree (DOMAIN §3; U-07, U-08, U-09, A-04, A-23, C-10, C-11).
 *
 * For other modules: inject `PathResolverService` and call
 *   `resolve(input: ResolveInput, manager?: EntityManager): Promise<ResolvedPath>`
 * with `{ unitOrgId, kind, seriesCode, titleLevel, professionCode, committeeOrgId }` at submission
 * (and again at a committee transfer). Store the returned `ResolvedPath` (jsonb) on the declaration:
 * later edge changes do not move it. A broken path throws `PathBrokenException`
 * (422 `{ code: 'PATH_BROKEN', message, nodeOrgId, nodeName, reason }`).
 *
 * Committee facts come through the COMMITTEE_FACTS token (default SqlCommitteeFacts).
 */
@Module({
  controllers: [AuditTreeController],
  providers: [AuditTreeService, PathResolverService, EdgeImportService, { provide: COMMITTEE_FACTS, useClass: SqlCommitteeFacts }],
  exports: [AuditTreeService, PathResolverService, COMMITTEE_FACTS],
})
export class AuditTreeModule {}
