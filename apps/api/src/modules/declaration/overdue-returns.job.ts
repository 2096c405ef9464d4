import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CorrectionsService } from './corrections.service.js';

/**
 * the overdue-return sweep as one plain function plus a minimal periodic trigger, in one file, so that it can
 * be registered as a scheduled job of the PostgreSQL job library when that lands: the job calls
 * `sweepOverdueReturns` and this trigger goes away.
 *
 * `RETURN_SWEEP_SECONDS` sets the period (default 600; 0 turns the trigger off, as the tests do, which call the
 * function directly). The sweep is safe in several processes at once (rows are claimed with SKIP LOCKED).
 */
export async function sweepOverdueReturns(ds: DataSource, corrections: CorrectionsService, today?: string): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await ds.transaction((m) => corrections.abandonOverdue(m, today));
    total += n;
    if (n < 100) return total;
  }
}

function periodSeconds(): number {
  const raw = process.env.RETURN_SWEEP_SECONDS?.trim();
  if (!raw) return process.env.NODE_ENV === 'test' ? 0 : 600;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 86400) throw new Error(`配置项 RETURN_SWEEP_SECONDS 的值 "${raw}" 无效：应为 0 到 86400 之间的整数（秒）`);
  return n;
}

@Injectable()
export class OverdueReturnsTrigger implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('OverdueReturns');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly seconds = periodSeconds();

  constructor(
    private readonly ds: DataSource,
    private readonly corrections: CorrectionsService,
  ) {}

  onApplicationBootstrap() {
    if (!this.seconds) return;
    this.timer = setInterval(() => this.tick(), this.seconds * 1000);
    this.timer.unref();
  }

  private tick() {
    if (this.running) return;
    this.running = sweepOverdueReturns(this.ds, this.corrections)
      .then((n) => n && this.log.log(`${n} 份逾期未补正的申报已视为放弃申报`))
      .catch((e) => this.log.error(`逾期补正检查失败：${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (this.running = null));
  }

  async beforeApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
