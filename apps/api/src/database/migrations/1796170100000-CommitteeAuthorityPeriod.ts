import type { MigrationInterface, QueryRunner } from 'typeorm';

/** C-17: the period of a committee's filed review authority (评审权备案有效期). */
export class CommitteeAuthorityPeriod1796170100000 implements MigrationInterface {
  name = 'CommitteeAuthorityPeriod1796170100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "committees" ADD "authority_from" date`);
    await q.query(`ALTER TABLE "committees" ADD "authority_until" date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "committees" DROP COLUMN "authority_until"`);
    await q.query(`ALTER TABLE "committees" DROP COLUMN "authority_from"`);
  }
}
