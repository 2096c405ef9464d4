import { clock } from '../../common/clock/clock.service.js';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { JobsService, RELEASE } from '../../common/jobs/jobs.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { MinistryReportService } from './ministry-report.service.js';
import type { CertificateIssueBatch } from './entities/certificate-issue-batch.entity.js';

/** Declarations issued per chunk (one lease renewal and one progress update each). */
export const ISSUE_CHUNK = 100;

/** One job per issuance batch. */
export const BATCH_JOB = 'certificate.batch';
/** Hands pending `ministry` outbox messages to the ministry gateway; also every 5 minutes. */
export const MINISTRY_JOB = 'certificate.ministry_report';

/** A transient database error in a chunk: the job fails this attempt and the queue retries it with backoff. */
export class TransientBatchError extends Error {}

/**
 * Background work of the certificate module on the job queue:
 *  - `certificate.batch` {batchId}: written with the batch in its transaction; issues its pending items chunk by chunk.
 *    The batch row's lease names the job that holds it (`lease_owner` = job id): a retry of the same job after its
 *    process was killed (pg-boss notices the missing heartbeat) takes the batch over at once, without waiting out the
 *    lease, while a second job for the same batch cannot run beside it. A stopping process (SIGTERM) clears the lease
 *    after its current chunk and hands the batch on as a new job. Issuance is idempotent per declaration, so items
 *    issued just before a crash come back as "existing": nothing is issued twice.
 *  - `certificate.ministry_report`: delivers pending ministry messages (rows locked with SKIP LOCKED).
 */
@Injectable()
export class CertificateWorker implements OnModuleInit {
  private readonly log = new Logger('CertificateWorker');

  constructor(
    private readonly ds: DataSource,
    private readonly issuer: CertificateIssuer,
    private readonly ministry: MinistryReportService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ministry.onQueued = () => {
      void this.jobs.send(MINISTRY_JOB, {}).catch((e: Error) => this.log.error(`ministry report job not queued: ${e.message}`));
    };
  }

  onModuleInit() {
    this.jobs.define<{ batchId: string }>({
      name: BATCH_JOB,
      label: '证书批量发放',
      retryLimit: 20,
      retryDelay: 2,
      retryDelayMax: 300,
      expireInSeconds: 4 * 3600,
      handler: async ({ batchId }, ctx) => this.runBatch(batchId, { owner: ctx.id, stopping: ctx.stopping }),
    });
    this.jobs.recurring({
      name: MINISTRY_JOB,
      label: '证书报送人社部',
      cron: '*/5 * * * *',
      retryLimit: 3,
      retryDelay: 30,
      expireInSeconds: 1800,
      handler: async (_data, ctx) => {
        await this.ministry.dispatchPending(ctx.stopping);
      },
    });
  }

  /** Claims the batch for `owner` (a job id) unless another live job holds it. */
  async claim(batchId: string, owner: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `UPDATE certificate_issue_batches
          SET status = 'running', lease_owner = $2, lease_until = $4::timestamptz + make_interval(secs => $3), updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'running')
          AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < $4)
        RETURNING id`,
      [batchId, owner, this.config.certWorker.leaseSeconds, clock.now()],
    )) as [{ id: string }[], number];
    return (rows[0]?.length ?? 0) > 0;
  }

  /**
   * Issues the pending items of a batch, `maxChunks` chunks at most (tests stop halfway), and finishes it when nothing
   * is pending. Answers RELEASE when the process stops halfway; returns quietly when the lease was lost or the batch
   * is done; throws TransientBatchError (retry) when the database failed in between.
   */
  async runBatch(batchId: string, opts: { owner: string; maxChunks?: number; stopping?: () => boolean }): Promise<void | typeof RELEASE> {
    const owner = opts.owner;
    const stopping = opts.stopping ?? (() => false);
    if (!(await this.claim(batchId, owner))) return;
    const [batch] = (await this.ds.query(
      `SELECT id, issuer_org_id AS "issuerOrgId", created_by_id AS "createdById", approval_doc_no AS "approvalDocNo",
              to_char(qualification_date, 'YYYY-MM-DD') AS "qualificationDate", to_char(issue_date, 'YYYY-MM-DD') AS "issueDate"
         FROM certificate_issue_batches WHERE id = $1`,
      [batchId],
    )) as Pick<CertificateIssueBatch, 'id' | 'issuerOrgId' | 'createdById' | 'approvalDocNo' | 'qualificationDate' | 'issueDate'>[];
    if (!batch) return;
    const actor = await this.actor(batch.createdById);
    for (let n = 0; opts.maxChunks === undefined || n < opts.maxChunks; n++) {
      if (stopping()) {
        await this.ds.query(`UPDATE certificate_issue_batches SET lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE id = $1 AND lease_owner = $2`, [batchId, owner]);
        return RELEASE;
      }
      const items: { seq: number; declaration_id: string }[] = await this.ds.query(
        `SELECT seq, declaration_id FROM certificate_issue_batch_items WHERE batch_id = $1 AND status = 'pending' ORDER BY seq LIMIT $2`,
        [batchId, ISSUE_CHUNK],
      );
      if (!items.length) {
        await this.finish(batchId, owner);
        return;
      }
      const out = await this.issuer.issueForDeclarations(
        actor,
        items.map((i) => i.declaration_id),
        { approvalDocNo: batch.approvalDocNo, issuerOrgId: batch.issuerOrgId, qualificationDate: batch.qualificationDate, issueDate: batch.issueDate },
      );
      const result = new Map<string, { status: string; certificateId: string | null; certificateNo: string | null; error: string | null }>();
      for (const c of out.certificates) result.set(c.issueKey, { status: c.created ? 'issued' : 'existing', certificateId: c.id, certificateNo: c.certificateNo, error: null });
      let transient = 0;
      for (const f of out.failed) {
        // A transient database error leaves the item pending: the retry of this job issues it.
        if (f.retryable) transient++;
        else result.set(f.issueKey, { status: 'failed', certificateId: null, certificateNo: null, error: f.message.slice(0, 500) });
      }
      const seqs: number[] = [];
      const statuses: string[] = [];
      const certIds: (string | null)[] = [];
      const certNos: (string | null)[] = [];
      const errors: (string | null)[] = [];
      for (const i of items) {
        const r = result.get(`decl:${i.declaration_id}`);
        if (!r) continue;
        seqs.push(i.seq);
        statuses.push(r.status);
        certIds.push(r.certificateId);
        certNos.push(r.certificateNo);
        errors.push(r.error);
      }
      // Marks the chunk, refreshes the counters and renews the lease — only while this job still holds it.
      const still = await this.ds.transaction(async (m) => {
        const held: unknown[] = await m.query(
          `SELECT 1 FROM certificate_issue_batches WHERE id = $1 AND lease_owner = $2 FOR UPDATE`,
          [batchId, owner],
        );
        if (!held.length) return false;
        await m.query(
          `UPDATE certificate_issue_batch_items i
              SET status = v.status, certificate_id = v.cid, certificate_no = v.cno, error = v.err
             FROM unnest($2::int[], $3::text[], $4::uuid[], $5::text[], $6::text[]) AS v(seq, status, cid, cno, err)
            WHERE i.batch_id = $1 AND i.seq = v.seq AND i.status = 'pending'`,
          [batchId, seqs, statuses, certIds, certNos, errors],
        );
        await m.query(
          `UPDATE certificate_issue_batches b
              SET issued = c.issued, existing = c.existing, failed = c.failed,
                  lease_until = $4::timestamptz + make_interval(secs => $3), updated_at = now()
             FROM (SELECT count(*) FILTER (WHERE status = 'issued')::int AS issued,
                          count(*) FILTER (WHERE status = 'existing')::int AS existing,
                          count(*) FILTER (WHERE status = 'failed')::int AS failed
                     FROM certificate_issue_batch_items WHERE batch_id = $1) c
            WHERE b.id = $1 AND b.lease_owner = $2`,
          [batchId, owner, this.config.certWorker.leaseSeconds, clock.now()],
        );
        return true;
      });
      if (!still) return;
      if (transient) {
        this.log.warn(`batch ${batchId}: ${transient} item(s) hit a transient database error; the job is retried`);
        throw new TransientBatchError(`数据库暂时不可用，${transient} 人待重试发证`);
      }
    }
  }

  private async finish(batchId: string, owner: string) {
    await this.ds.query(
      `UPDATE certificate_issue_batches b
          SET status = 'done', finished_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now(),
              issued = c.issued, existing = c.existing, failed = c.failed
         FROM (SELECT count(*) FILTER (WHERE status = 'issued')::int AS issued,
                      count(*) FILTER (WHERE status = 'existing')::int AS existing,
                      count(*) FILTER (WHERE status = 'failed')::int AS failed
                 FROM certificate_issue_batch_items WHERE batch_id = $1) c
        WHERE b.id = $1 AND b.lease_owner = $2 AND b.status <> 'done'`,
      [batchId, owner],
    );
  }

  /** The batch's creator, as the actor of its audit-log rows. */
  private async actor(userId: string): Promise<AuthUser | null> {
    const [u] = (await this.ds.query(
      `SELECT u.id, u.username, u.role, u.organisation_id, o.region_code, o.level AS admin_level
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`,
      [userId],
    )) as { id: string; username: string; role: AuthUser['role']; organisation_id: string | null; region_code: string | null; admin_level: AuthUser['orgLevel'] }[];
    return u ? { id: u.id, username: u.username, role: u.role, organisationId: u.organisation_id, regionCode: u.region_code, orgLevel: u.admin_level } : null;
  }
}
