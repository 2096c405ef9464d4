import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobsService } from '../../common/jobs/jobs.service.js';

/** The chain's start: the `prev_hash` of the first sealed row. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);
const SEAL_JOB = 'audit.seal';
// One sealer at a time across every API process (the chain is one sequence).
const SEAL_LOCK = 7_300_113;
const BATCH = 2000;

interface Row {
  id: string;
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  created_at: Date;
  chain_seq?: string | null;
  prev_hash?: string | null;
  hash?: string | null;
}

const COLUMNS = 'id, user_id, organisation_id, action, target_type, target_id, before, after, ip, created_at';

/** SM3 over the previous hash and the row's recorded fields, in a fixed order (jsonb comes back with sorted keys). */
export function auditRowHash(prevHash: string, r: Row): string {
  const content = JSON.stringify([String(r.id), r.user_id, r.organisation_id, r.action, r.target_type, r.target_id, r.before ?? null, r.after ?? null, r.ip, new Date(r.created_at).toISOString()]);
  return createHash('sm3').update(`${prevHash}\n${content}`).digest('hex');
}

export interface ChainReport {
  /** Rows checked (sealed). */
  checked: number;
  /** Rows written but not yet sealed (sealed within a minute by the job). */
  unsealed: number;
  ok: boolean;
  /** The first entry whose content or link does not match, when the chain is broken. */
  firstBroken: { id: string; chainSeq: string; reason: string } | null;
}

/** Seals every row not yet sealed (one sealer at a time across processes); answers how many were sealed. */
export async function sealAuditChain(ds: DataSource): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealBatch(ds);
    total += n;
    if (n < BATCH) return total;
  }
}

function sealBatch(ds: DataSource): Promise<number> {
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    const head: { chain_seq: string; hash: string }[] = await m.query(`SELECT chain_seq, hash FROM audit_logs WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`);
    let seq = head.length ? BigInt(head[0]!.chain_seq) : 0n;
    let prev = head.length ? head[0]!.hash : AUDIT_CHAIN_GENESIS;
    const rows: Row[] = await m.query(`SELECT ${COLUMNS} FROM audit_logs WHERE chain_seq IS NULL ORDER BY id LIMIT ${BATCH}`);
    if (!rows.length) return 0;
    const ids: string[] = [];
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows) {
      seq += 1n;
      const h = auditRowHash(prev, r);
      ids.push(String(r.id));
      seqs.push(seq.toString());
      prevs.push(prev);
      hashes.push(h);
      prev = h;
    }
    await m.query(
      `UPDATE audit_logs l SET chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::varchar[], $4::varchar[]) AS v(id, seq, prev, hash)
        WHERE l.id = v.id AND l.chain_seq IS NULL`,
      [ids, seqs, prevs, hashes],
    );
    return rows.length;
  });
}

/** Seals what is pending, then walks the whole chain in order and names the first entry that does not match. */
export async function verifyAuditChain(ds: DataSource): Promise<ChainReport> {
  await sealAuditChain(ds);
  const withUnsealed = async (r: Omit<ChainReport, 'unsealed'>): Promise<ChainReport> => {
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE chain_seq IS NULL`)) as { n: number }[];
    return { ...r, unsealed: n };
  };
  let checked = 0;
  let prev = AUDIT_CHAIN_GENESIS;
  let expectedSeq = 1n;
  let after = '0';
  for (;;) {
    const rows: Row[] = await ds.query(`SELECT ${COLUMNS}, chain_seq, prev_hash, hash FROM audit_logs WHERE chain_seq > $1 ORDER BY chain_seq LIMIT ${BATCH}`, [after]);
    for (const r of rows) {
      const seq = BigInt(r.chain_seq!);
      const broken = (reason: string) => withUnsealed({ checked, ok: false, firstBroken: { id: String(r.id), chainSeq: String(seq), reason } });
      if (seq !== expectedSeq) return broken(`链序号不连续：应为 ${expectedSeq}，实为 ${seq}（其前的记录被删除）`);
      if (r.prev_hash !== prev) return broken('与前一条记录的链接不符（前一条被修改、删除或插入）');
      if (auditRowHash(prev, r) !== r.hash) return broken('记录内容与其 SM3 摘要不符（该条被修改）');
      prev = r.hash!;
      expectedSeq = seq + 1n;
      checked++;
    }
    if (rows.length < BATCH) break;
    after = String(rows[rows.length - 1]!.chain_seq);
  }
  return withUnsealed({ checked, ok: true, firstBroken: null });
}

/**
 * Issue 13, X-02: the tamper-evident chain over `audit_logs`. Rows are written by the audited transactions as before
 * (no lock on the hot path); a recurring job (every minute, and before each check) seals the rows not yet sealed, in
 * id order, each onto the previous sealed row. A changed row no longer matches its hash; a removed or inserted row
 * breaks the next row's link. The database refuses UPDATE, DELETE and TRUNCATE besides (migration AuditLogChain).
 */
@Injectable()
export class AuditChainService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit() {
    this.jobs.recurring({ name: SEAL_JOB, label: '审计日志封存（SM3 链）', cron: '* * * * *', retryLimit: 3, handler: async () => void (await sealAuditChain(this.ds)) });
  }

  sealAll(): Promise<number> {
    return sealAuditChain(this.ds);
  }

  verify(): Promise<ChainReport> {
    return verifyAuditChain(this.ds);
  }
}
