import type { EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { clock } from '../../common/clock/clock.service.js';

/**
 * C-17: a committee may review only inside the period of its filed review authority (评审权备案有效期,
 * `committees.authority_from` .. `authority_until`, both inclusive, China dates). A committee without a filed
 * period cannot review at all. `day` defaults to today on the business clock; `what` completes the message
 * ("不能${what}").
 */
export async function assertAuthorityPeriod(m: EntityManager, committeeId: string, what: string, day: string = clock.today()): Promise<void> {
  const [c]: { authority_from: string | null; authority_until: string | null }[] = await m.query(
    `SELECT authority_from::text AS authority_from, authority_until::text AS authority_until FROM committees WHERE organisation_id = $1`,
    [committeeId],
  );
  if (!c?.authority_from || !c.authority_until) {
    throw AppException.conflict(`评委会尚未登记评审权备案有效期，不能${what}，请联系职称管理部门登记`, 'AUTHORITY_NOT_FILED');
  }
  if (day < c.authority_from || day > c.authority_until) {
    throw AppException.conflict(`评委会评审权备案有效期为 ${c.authority_from} 至 ${c.authority_until}，${day} 不在有效期内，不能${what}`, 'AUTHORITY_EXPIRED');
  }
}
