import { RateLimitCounter } from '../common/rate-limit/rate-limit.entity.js';
import { Captcha } from '../modules/accounts/entities/captcha.entity.js';
import { OneTimeToken } from '../modules/accounts/entities/one-time-token.entity.js';
import { RefreshToken } from '../modules/accounts/entities/refresh-token.entity.js';
import { User } from '../modules/accounts/entities/user.entity.js';
import { AuditLog } from '../modules/audit-log/entities/audit-log.entity.js';
import { OutboxMessage } from '../modules/notices/entities/outbox-message.entity.js';
import { AuditEdge } from '../modules/audit-tree/entities/audit-edge.entity.js';
import { AuditLevelConfirmation } from '../modules/audit-tree/entities/audit-level-confirmation.entity.js';
// TEMPORARY (drop at merge with the reference-data committees entity): committee stubs.
import { CommitteeProfessionStub, CommitteeStub } from '../modules/audit-tree/entities/committee.stub.entity.js';
import { Organisation } from '../modules/organisations/entities/organisation.entity.js';

/** Every entity, listed explicitly so source (tests) and compiled (runtime) builds see the same set. */
export const ENTITIES = [Organisation, User, RefreshToken, Captcha, OneTimeToken, RateLimitCounter, AuditLog, OutboxMessage, AuditEdge, AuditLevelConfirmation, CommitteeStub, CommitteeProfessionStub];
