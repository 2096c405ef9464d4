import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service.js';
import { AuditTreeModule } from '../audit-tree/audit-tree.module.js';
import { BlacklistModule } from '../blacklist/blacklist.module.js';
import { FileAccessRegistry } from '../files/file-access.registry.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { CorrectionsService } from './corrections.service.js';
import { OverdueReturnsTrigger } from './overdue-returns.job.js';
import { DeclarationController } from './declaration.controller.js';
import { DeclarationFormsService } from './declaration-forms.service.js';
import { DeclarationService } from './declaration.service.js';
import { DeclarationWorkflowService } from './declaration-workflow.service.js';
import { DevEducationProvider, EDUCATION_PROVIDER } from './education-provider.js';

/**
 * The declaration domain (H-03..H-09). For the audit workflow (issue 6): inject
 * `DeclarationWorkflowService` and call `transition(manager, declaration, {actor, action, to, opinion})`
 * inside your transaction: it checks the state machine and writes the timeline event, the audit log
 * and the applicant's notifications. Declarations wait at `current_org_id` (index with status).
 */
@Module({
  imports: [AuditTreeModule, BlacklistModule, EligibilityModule],
  controllers: [DeclarationController],
  providers: [
    DeclarationService,
    DeclarationWorkflowService,
    DeclarationFormsService,
    CorrectionsService,
    OverdueReturnsTrigger,
    { provide: EDUCATION_PROVIDER, useClass: DevEducationProvider },
  ],
  exports: [DeclarationService, DeclarationWorkflowService, DeclarationFormsService, CorrectionsService, EligibilityModule],
})
export class DeclarationModule implements OnModuleInit {
  constructor(
    private readonly registry: FileAccessRegistry,
    private readonly declarations: DeclarationService,
    private readonly access: AccessService,
  ) {}

  onModuleInit(): void {
    // H-06: a declaration's attachments are served to the applicant and to users on its audit path.
    this.registry.register('declaration', (user, file) => this.declarations.canReadFile(user, file, (org) => this.access.canSee(user, org)));
  }
}
