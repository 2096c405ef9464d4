import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { MinistryReportService } from './ministry-report.service.js';
import type { CertificateIssueBatch } from './entities/certificate-issue-batch.entity.js';

/** Declarations issued per chunk (one lease renewal and one progress update each). */
export const ISSUE_CHUNK = 100;

/**
 * Background work of the certificate module, stateless across API processes: the database is the only shared
 * state. Every process (unless `CERT_WORKER=false`) polls for
 *  - an issuance batch that is unfinished and not leased (or whose lease expired — its process died), claims it with
 *    `FOR UPDATE SKIP LOCKED` and a lease, and issues its pending items chunk by chunk, renewing the lease each time;
 *  - pending `ministry` outbox messages, handed to the ministry gateway.
 * Starting a batch or a report also kicks this process at once, so nothing waits for the next poll.
 */
@Injectable()
export class CertificateWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('CertificateWorker');
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(
    private readonly ds: DataSource,
    private readonly issuer: CertificateIssuer,
    private readonly ministry: MinistryReportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ministry.onQueued = () => this.kick();
  }

  onApplicationBootstrap() {
    if (!this.config.certWorker.enabled) return;
    this.timer = setInterval(() => this.kick(), this.config.certWorker.pollMs);
    this.timer.unref();
    // Resume whatever an earlier (crashed or stopped) process left unfinished.
    this.kick();
  }

  async beforeApplicationShutdown() {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs a work round now (or right after the current one). */
  kick(): void {
    if (!this.config.certWorker.enabled || this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.ministry.dispatchPending(() => this.stopping);
          while (!this.stopping) {
            const id = await this.claim();
            if (!id) break;
            await this.runBatch(id);
          }
        } catch (e) {
          this.log.error(`certificate work round failed: ${e instanceof Error ? e.stack : String(e)}`);
        }
      } while (this.again && !this.stopping);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Waits for the current round (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Claims one unfinished batch whose lease is free or expired. */
  async claim(owner = this.owner): Promise<string | null> {
    const rows: { id: string }[] = await this.ds.query(
      `UPDATE certificate_issue_batches
          SET status = 'running', lease_owner = $1, lease_until = now() + make_interval(secs => $2), updated_at = now()
        WHERE id = (SELECT id FROM certificate_issue_batches
                     WHERE status IN ('pending', 'running') AND (lease_until IS NULL OR lease_until < now())
                     ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [owner, this.config.certWorker.leaseSeconds],
    );
    // node-postgres answers an UPDATE … RETURNING as [rows, count] through TypeORM.
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string }[];
    return list[0]?.id ?? null;
  }

  /**
   * Issues the pending items of a batch this process holds, `maxChunks` chunks at most (tests stop halfway), and
   * finishes it when nothing is pending. Stops quietly when the lease was lost to another process.
   */
  async runBatch(batchId: string, opts: { owner?: string; maxChunks?: number } = {}): Promise<void> {
    const owner = opts.owner ?? this.owner;
    const [batch] = (await this.ds.query(
      `SELECT id, issuer_org_id AS "issuerOrgId", created_by_id AS "createdById", approval_doc_no AS "approvalDocNo",
              to_char(qualification_date, 'YYYY-MM-DD') AS "qualificationDate", to_char(issue_date, 'YYYY-MM-DD') AS "issueDate"
         FROM certificate_issue_batches WHERE id = $1`,
      [batchId],
    )) as Pick<CertificateIssueBatch, 'id' | 'issuerOrgId' | 'createdById' | 'approvalDocNo' | 'qualificationDate' | 'issueDate'>[];
    if (!batch) return;
    const actor = await this.actor(batch.createdById);
    for (let n = 0; opts.maxChunks === undefined || n < opts.maxChunks; n++) {
      if (this.stopping) return;
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
      for (const f of out.failed) result.set(f.issueKey, { status: 'failed', certificateId: null, certificateNo: null, error: f.message.slice(0, 500) });
      const seqs: number[] = [];
      const statuses: string[] = [];
      const certIds: (string | null)[] = [];
      const certNos: (string | null)[] = [];
      const errors: (string | null)[] = [];
      for (const i of items) {
        const r = result.get(`decl:${i.declaration_id}`) ?? { status: 'failed', certificateId: null, certificateNo: null, error: '未知错误' };
        seqs.push(i.seq);
        statuses.push(r.status);
        certIds.push(r.certificateId);
        certNos.push(r.certificateNo);
        errors.push(r.error);
      }
      // Marks the chunk, refreshes the counters and renews the lease — only while this process still holds it.
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
                  lease_until = now() + make_interval(secs => $3), updated_at = now()
             FROM (SELECT count(*) FILTER (WHERE status = 'issued')::int AS issued,
                          count(*) FILTER (WHERE status = 'existing')::int AS existing,
                          count(*) FILTER (WHERE status = 'failed')::int AS failed
                     FROM certificate_issue_batch_items WHERE batch_id = $1) c
            WHERE b.id = $1 AND b.lease_owner = $2`,
          [batchId, owner, this.config.certWorker.leaseSeconds],
        );
        return true;
      });
      if (!still) return;
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
