import { RateLimitCounter } from '../common/rate-limit/rate-limit.entity.js';
import { Captcha } from '../modules/accounts/entities/captcha.entity.js';
import { OneTimeToken } from '../modules/accounts/entities/one-time-token.entity.js';
import { RefreshToken } from '../modules/accounts/entities/refresh-token.entity.js';
import { User } from '../modules/accounts/entities/user.entity.js';
import { SecurityPolicy } from '../modules/accounts/entities/security-policy.entity.js';
import { AuditLog } from '../modules/audit-log/entities/audit-log.entity.js';
import { OutboxMessage } from '../modules/notices/entities/outbox-message.entity.js';
import { ScheduledReminder } from '../modules/schedule/scheduled-reminder.entity.js';
import { ImportJob, ImportRow } from '../common/excel/import-job.entity.js';
import { Committee } from '../modules/committee/entities/committee.entity.js';
import { CommitteeFounder } from '../modules/committee/entities/committee-founder.entity.js';
import { CommitteeProfession } from '../modules/committee/entities/committee-profession.entity.js';
import { Expert } from '../modules/experts/entities/expert.entity.js';
import { ExpertProfession } from '../modules/experts/entities/expert-profession.entity.js';
import { AcceptanceInstitution } from '../modules/organisations/entities/acceptance-institution.entity.js';
import { Issuer } from '../modules/organisations/entities/issuer.entity.js';
import { UnitPermissionApplication } from '../modules/organisations/entities/unit-permission-application.entity.js';
import { Batch } from '../modules/reference/entities/batch.entity.js';
import { BatchModule } from '../modules/reference/entities/batch-module.entity.js';
import { Profession } from '../modules/reference/entities/profession.entity.js';
import { Region } from '../modules/reference/entities/region.entity.js';
import { TitleSeries } from '../modules/reference/entities/title-series.entity.js';
import { Title } from '../modules/reference/entities/title.entity.js';
import { AuditEdge } from '../modules/audit-tree/entities/audit-edge.entity.js';
import { AuditLevelConfirmation } from '../modules/audit-tree/entities/audit-level-confirmation.entity.js';
import { StoredFile } from '../modules/files/entities/stored-file.entity.js';
import { BlacklistEntry } from '../modules/blacklist/entities/blacklist-entry.entity.js';
import { Notice } from '../modules/notices/entities/notice.entity.js';
import { Organisation } from '../modules/organisations/entities/organisation.entity.js';
import { Declaration } from '../modules/declaration/entities/declaration.entity.js';
import { DeclarationEvent } from '../modules/declaration/entities/declaration-event.entity.js';
import { EducationRecord } from '../modules/declaration/entities/education-record.entity.js';
import { UnitPublicity, UnitPublicityItem } from '../modules/audit/entities/unit-publicity.entity.js';
import { Certificate } from '../modules/certificate/entities/certificate.entity.js';
import { CertificateNumberPool } from '../modules/certificate/entities/certificate-number-pool.entity.js';
import { CertificateApplication } from '../modules/certificate/entities/certificate-application.entity.js';
import { CertificateSeal } from '../modules/certificate/entities/certificate-seal.entity.js';
import { CertificateVerification, CertificateVerificationGrant } from '../modules/certificate/entities/certificate-verification.entity.js';
import { Quota } from '../modules/quota/entities/quota.entity.js';
import { BatchProposal } from '../modules/batch-proposal/entities/batch-proposal.entity.js';
import { ReviewPlan } from '../modules/committee/entities/review-plan.entity.js';
import { ReviewPlanExpert } from '../modules/committee/entities/review-plan-expert.entity.js';
import { ReviewResult } from '../modules/committee/entities/review-result.entity.js';
import { ExpertAction } from '../modules/scoring/entities/expert-action.entity.js';
import { BatchRules } from '../modules/eligibility/entities/batch-rules.entity.js';
import { Sanction } from '../modules/eligibility/entities/sanction.entity.js';
import { DeclarationReturn } from '../modules/declaration/entities/declaration-return.entity.js';
import { CalendarDay } from '../common/calendar/calendar-day.entity.js';
import { CertificateIssueBatch, CertificateIssueBatchItem } from '../modules/certificate/entities/certificate-issue-batch.entity.js';
import { DASHBOARD_ENTITIES } from '../modules/dashboard/entities/dashboard-snapshot.entity.js';

/** Every entity, listed explicitly so source (tests) and compiled (runtime) builds see the same set. */
export const ENTITIES = [
  Organisation, User, SecurityPolicy, RefreshToken, Captcha, OneTimeToken, RateLimitCounter, AuditLog, OutboxMessage, ScheduledReminder,
  Region, Profession, TitleSeries, Title, Batch, BatchModule,
  AcceptanceInstitution, Issuer, UnitPermissionApplication,
  Committee, CommitteeFounder, CommitteeProfession,
  Expert, ExpertProfession, ImportJob, ImportRow,
  StoredFile, BlacklistEntry, Notice,
  AuditEdge, AuditLevelConfirmation,
  Declaration, DeclarationEvent, EducationRecord,
  UnitPublicity, UnitPublicityItem,
  Certificate, CertificateNumberPool, CertificateApplication, CertificateSeal, CertificateVerification, CertificateVerificationGrant,
  Quota, BatchProposal,
  ReviewPlan, ReviewPlanExpert, ReviewResult, ExpertAction,
  CertificateIssueBatch, CertificateIssueBatchItem,
  CalendarDay, BatchRules, Sanction, DeclarationReturn,
  ...DASHBOARD_ENTITIES,
];
