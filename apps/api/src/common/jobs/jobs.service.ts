import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PgBoss, type Db as IDatabase, type Job, type SendOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';

/** The PostgreSQL schema pg-boss keeps its queues, jobs and schedules in (created by migration `JobQueue`). */
export const JOBS_SCHEMA = 'pgboss';

/** The database the queue lives in (the API's own). */
export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

/** Answer of a handler that stopped early because its process is stopping: the job is handed on at once. */
export const RELEASE = Symbol('release');

export interface JobContext {
  /** The pg-boss job id. */
  id: string;
  /** Retries of this job so far (0 on the first attempt). */
  retryCount: number;
  /** True once the process has started to stop: a long handler stops at its next safe point and answers `RELEASE`. */
  stopping(): boolean;
}

export interface JobDefinition<T extends object = object> {
  /** Queue name, `module.work` (e.g. `certificate.batch`). */
  name: string;
  /** What the administrator's 后台任务 page calls it. */
  label: string;
  handler(data: T, ctx: JobContext): Promise<void | typeof RELEASE>;
  /** Further attempts after a failure (default 5), `retryDelay` seconds before the first (default 5), doubled each time. */
  retryLimit?: number;
  retryDelay?: number;
  retryDelayMax?: number;
  /** How long one attempt may run before it counts as failed (default 15 min). */
  expireInSeconds?: number;
  /** Jobs this process works at once (default 1). */
  concurrency?: number;
}

export interface RecurringJobDefinition<T extends object = object> extends JobDefinition<T> {
  /** Cron expression (5 fields) in China time, e.g. `5 0 * * *` = every day at 00:05 Beijing time. */
  cron: string;
  data?: T;
}

export interface SendJobOptions {
  /** Enqueue inside this TypeORM transaction: the job exists only if the transaction commits. */
  manager?: EntityManager;
  /** A fixed job id (uuid): sending the same id twice creates one job. */
  id?: string;
  /** Not before this instant. */
  startAfter?: Date;
}

/** A TypeORM transaction as a pg-boss database, so a job is written in the caller's transaction. */
export function managerDb(m: EntityManager): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const runner = m.queryRunner;
      if (!runner) return { rows: (await m.query(text, values)) as unknown[] };
      const r = await runner.query(text, values, true);
      return { rows: (r.records ?? []) as unknown[] };
    },
  };
}

/**
 * all background work runs on pg-boss, a maintained job queue that keeps its state in the same
 * PostgreSQL (or embedded PGlite) database — no extra server. Every API process with `JOBS_WORKER` on works every
 * queue; a job is claimed with `FOR UPDATE SKIP LOCKED` by exactly one process, retried with exponential backoff
 * when it fails, and taken over by another process when its worker stops sending heartbeats (a killed process).
 *
 * Register work in a provider's constructor or `onModuleInit`:
 *   jobs.define({ name: 'module.work', label: '中文名称', handler: async (data, ctx) => { … } });
 *   jobs.recurring({ name: 'module.daily', label: '每日…', cron: '5 0 * * *', handler: async () => { … } });
 * and send with `jobs.send('module.work', data, { manager })`. The queue starts in `onApplicationBootstrap`.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private readonly defs = new Map<string, JobDefinition<object>>();
  private readonly recurringDefs = new Map<string, RecurringJobDefinition<object>>();
  private boss: PgBoss | null = null;
  private started: Promise<void> | null = null;
  private stoppingFlag = false;
  private readonly active = new Set<Promise<unknown>>();
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  define<T extends object>(def: JobDefinition<T>): void {
    if (this.defs.has(def.name)) throw new Error(`job ${def.name} defined twice`);
    this.defs.set(def.name, def as unknown as JobDefinition<object>);
  }

  recurring<T extends object>(def: RecurringJobDefinition<T>): void {
    this.define(def);
    this.recurringDefs.set(def.name, def as unknown as RecurringJobDefinition<object>);
  }

  definitions(): JobDefinition<object>[] {
    return [...this.defs.values()];
  }

  isRecurring(name: string): RecurringJobDefinition<object> | undefined {
    return this.recurringDefs.get(name);
  }

  get stopping(): boolean {
    return this.stoppingFlag;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = this.start(this.databaseUrl);
    await this.started;
  }

  private async start(url: string): Promise<void> {
    const c = this.config.jobs;
    const boss = new PgBoss({
      connectionString: url,
      schema: JOBS_SCHEMA,
      max: c.poolSize,
      application_name: 'zhicheng-jobs',
      // The schema is installed by the TypeORM migration `JobQueue`; pg-boss upgrades it itself after a library upgrade.
      migrate: true,
      supervise: c.worker,
      schedule: c.worker,
      superviseIntervalSeconds: c.superviseSeconds,
      // Expiry and lost-heartbeat detection run in pg-boss's monitor pass, which defaults to once a minute per queue
      // (shared by all processes): without this, a killed process's job waited up to 60 s more to be taken over.
      monitorIntervalSeconds: c.superviseSeconds,
      cronWorkerIntervalSeconds: c.cronSeconds,
      instanceName: 'api',
      openTelemetry: { enabled: false },
    });
    boss.on('error', (e: Error) => this.log.error(`job queue: ${e.message}`));
    await boss.start();
    this.boss = boss;
    for (const d of this.defs.values()) {
      const options = {
        retryLimit: d.retryLimit ?? 5,
        retryDelay: d.retryDelay ?? 5,
        retryBackoff: true,
        retryDelayMax: d.retryDelayMax ?? 600,
        expireInSeconds: d.expireInSeconds ?? 900,
        heartbeatSeconds: c.heartbeatSeconds,
      };
      const existing = await boss.getQueue(d.name);
      if (existing) await boss.updateQueue(d.name, options);
      else await boss.createQueue(d.name, options);
    }
    if (!c.worker) return;
    for (const d of this.defs.values()) {
      await boss.work<object>(
        d.name,
        { pollingIntervalSeconds: c.pollSeconds, localConcurrency: d.concurrency ?? 1, heartbeatRefreshSeconds: Math.max(1, Math.floor(c.heartbeatSeconds / 3)) },
        async ([job]: Job<object>[]) => this.run(d, job!),
      );
    }
    for (const r of this.recurringDefs.values()) {
      await boss.schedule(r.name, r.cron, r.data ?? {}, { tz: 'Asia/Shanghai' });
    }
  }

  private async run(d: JobDefinition<object>, job: Job<object>): Promise<unknown> {
    const p = (async () => {
      const out = await d.handler(job.data ?? {}, { id: job.id, retryCount: job.retryCount, stopping: () => this.stoppingFlag });
      if (out === RELEASE) {
        // Handed on: a new job with the same data, for whichever process takes it (the work is idempotent).
        await this.boss!.send(d.name, job.data ?? {}, {});
        return { released: true };
      }
      return { done: true };
    })();
    this.active.add(p);
    try {
      return await p;
    } finally {
      this.active.delete(p);
    }
  }

  private async ready(): Promise<PgBoss> {
    if (!this.boss) await this.started;
    if (!this.boss) throw new Error('job queue not started');
    return this.boss;
  }

  /** Enqueues a job (in the caller's transaction when `manager` is given). */
  async send(name: string, data: object, opts: SendJobOptions = {}): Promise<string | null> {
    if (!this.defs.has(name)) throw new Error(`unknown job ${name}`);
    const boss = await this.ready();
    const o: SendOptions = {};
    if (opts.id) o.id = opts.id;
    if (opts.startAfter) o.startAfter = opts.startAfter;
    if (opts.manager) o.db = managerDb(opts.manager);
    return boss.send(name, data, o);
  }

  /** The pg-boss instance, for the administrator's 后台任务 page (read and retry). */
  async queue(): Promise<PgBoss> {
    return this.ready();
  }

  /** Waits until no handler of this process runs (tests). */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active]);
  }

  /**
   * Stopping (SIGTERM, app.close()): handlers see `stopping()` and hand their job on at their next safe point, so the
   * other processes take it over at once; pg-boss then stops within `JOBS_STOP_TIMEOUT_SECONDS`.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stoppingFlag = true;
    const boss = this.boss;
    if (!boss) return;
    await boss.stop({ graceful: true, close: true, timeout: this.config.jobs.stopTimeoutSeconds * 1000 });
    this.boss = null;
  }
}
