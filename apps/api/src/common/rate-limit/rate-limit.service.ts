import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@zhicheng/contracts';
import { AppException } from '../errors/app.exception.js';

/** Fixed-window rate limiting in PostgreSQL: one upsert per call, correct across API processes. */
@Injectable()
export class RateLimitService {
  constructor(private readonly ds: DataSource) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<void> {
    const now = Date.now();
    const windowStart = new Date(now - (now % (windowSeconds * 1000)));
    const rows: { count: number }[] = await this.ds.query(
      `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
       RETURNING count`,
      [key, windowStart],
    );
    if ((rows[0]?.count ?? 0) > limit) {
      throw new AppException(429, ErrorCode.RateLimited, '操作过于频繁，请稍后再试');
    }
    // Opportunistic clean-up of old windows, cheap thanks to the primary key.
    if (Math.random() < 0.01) {
      await this.ds.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 hour'`);
    }
  }
}
