import { RateLimitCounter } from '../common/rate-limit/rate-limit.entity.js';
import { Captcha } from '../modules/accounts/entities/captcha.entity.js';
import { OneTimeToken } from '../modules/accounts/entities/one-time-token.entity.js';
import { RefreshToken } from '../modules/accounts/entities/refresh-token.entity.js';
import { User } from '../modules/accounts/entities/user.entity.js';
import { AuditLog } from '../modules/audit-log/entities/audit-log.entity.js';
import { OutboxMessage } from '../modules/notices/entities/outbox-message.entity.js';
import { StoredFile } from '../modules/files/entities/stored-file.entity.js';
import { BlacklistEntry } from '../modules/blacklist/entities/blacklist-entry.entity.js';
import { Notice } from '../modules/notices/entities/notice.entity.js';
import { Organisation } from '../modules/organisations/entities/organisation.entity.js';

/** Every entity, listed explicitly so source (tests) and compiled (runtime) builds see the same set. */
export const ENTITIES = [Organisation, User, RefreshToken, Captcha, OneTimeToken, RateLimitCounter, AuditLog, OutboxMessage, StoredFile, BlacklistEntry, Notice];
