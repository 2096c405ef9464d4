import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators.js';

/**
 * Liveness and readiness, for the orchestrator and the load balancer (public, no data):
 * - `GET /api/health/live`: the process answers (restart it when this fails);
 * - `GET /api/health/ready` (and `GET /api/health`, the same): the database answers and every migration of this
 *   build is applied (send traffic only when this answers 200; 503 otherwise, also while the process is stopping).
 */
interface HealthAnswer {
  status: string;
  database: 'up' | 'down';
  reason?: string;
  migrations?: string;
  time: string;
}

@Controller('health')
export class HealthController {
  private migrated = false;
  private stopping = false;

  constructor(private readonly ds: DataSource) {}

  /** Called on SIGTERM: readiness answers 503 from now on, so the proxies stop sending new work here. */
  markStopping(): void {
    this.stopping = true;
  }

  @Get('live')
  @Public()
  live(): { status: string; pid: number; uptimeSeconds: number } {
    return { status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthAnswer> {
    return this.ready(reply);
  }

  @Get('ready')
  @Public()
  @HttpCode(200)
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthAnswer> {
    const fail = (reason: string, database: 'up' | 'down'): HealthAnswer => {
      void reply.status(503).header('retry-after', '5');
      return { status: 'unavailable', database, reason, time: new Date().toISOString() };
    };
    if (this.stopping) return fail('服务正在停止', 'up');
    try {
      await this.ds.query('SELECT 1');
    } catch {
      return fail('数据库不可用', 'down');
    }
    if (!this.migrated) {
      try {
        this.migrated = !(await this.ds.showMigrations());
      } catch {
        return fail('无法读取数据库迁移状态', 'up');
      }
      if (!this.migrated) return fail('数据库迁移尚未完成', 'up');
    }
    return { status: 'ok', database: 'up', migrations: 'applied', time: new Date().toISOString() };
  }
}
