import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, X-02: the audit log is append-only in the database and tamper-evident.
 * - A trigger refuses DELETE, TRUNCATE and every UPDATE except the sealing of a row not yet sealed (setting its chain
 *   fields once, with every recorded field unchanged).
 * - Sealing (AuditChainService) links each row into an SM3 chain: `chain_seq` (order of sealing), `prev_hash` (the
 *   previous sealed row's hash) and `hash` = SM3(prev_hash ‖ the row's canonical content).
 */
export class AuditLogChain1796170500000 implements MigrationInterface {
  name = 'AuditLogChain1796170500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_logs" ADD "chain_seq" bigint, ADD "prev_hash" character varying(64), ADD "hash" character varying(64)`);
    await q.query(`CREATE UNIQUE INDEX "uq_audit_logs_chain_seq" ON "audit_logs" ("chain_seq") WHERE "chain_seq" IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_audit_logs_unsealed" ON "audit_logs" ("id") WHERE "chain_seq" IS NULL`);
    await q.query(`
      CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL AND NEW.hash IS NOT NULL
           AND NEW.id = OLD.id AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
           AND NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id AND NEW.action = OLD.action
           AND NEW.target_type = OLD.target_type AND NEW.target_id IS NOT DISTINCT FROM OLD.target_id
           AND NEW.before IS NOT DISTINCT FROM OLD.before AND NEW.after IS NOT DISTINCT FROM OLD.after
           AND NEW.ip IS NOT DISTINCT FROM OLD.ip AND NEW.created_at = OLD.created_at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '审计日志只能追加，不能修改或删除（%）', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER "trg_audit_logs_append_only" BEFORE UPDATE OR DELETE ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only()`);
    await q.query(`CREATE TRIGGER "trg_audit_logs_no_truncate" BEFORE TRUNCATE ON "audit_logs" FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "trg_audit_logs_no_truncate" ON "audit_logs"`);
    await q.query(`DROP TRIGGER "trg_audit_logs_append_only" ON "audit_logs"`);
    await q.query(`DROP FUNCTION audit_logs_append_only()`);
    await q.query(`DROP INDEX "idx_audit_logs_unsealed"`);
    await q.query(`DROP INDEX "uq_audit_logs_chain_seq"`);
    await q.query(`ALTER TABLE "audit_logs" DROP COLUMN "hash", DROP COLUMN "prev_hash", DROP COLUMN "chain_seq"`);
  }
}
