import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requestContext } from '../../../common/request-context.js';
import { maskAddress } from '../../../common/security/mask-address.js';
import type { VerificationChannel } from '../entities/certificate-verification.entity.js';

export const CHANNEL_LABELS: Record<VerificationChannel, string> = {
  qr: '扫码核验', number: '证书编号核验', name_id: '姓名+身份证号查询', grant: '授权核验码', ofd: 'OFD 文件核验',
};

export { maskAddress };

const FLUSH_MS = 300;

/**
 * H-15: every verification of a certificate is logged for its holder. Verification is the hot public path (issue 8
 * budget), so rows are buffered and written in one multi-row INSERT every 300 ms instead of one write per request;
 * the holder's log flushes first, so it is complete within this process and at most 300 ms behind across processes.
 */
@Injectable()
export class VerificationLog implements OnApplicationShutdown {
  private rows: { certificateId: string; channel: VerificationChannel; requester: string | null; grantId: string | null; at: Date }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly ds: DataSource) {}

  record(certificateId: string, channel: VerificationChannel, grantId: string | null = null): void {
    this.rows.push({ certificateId, channel, requester: maskAddress(requestContext.getStore()?.ip), grantId, at: new Date() });
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.rows;
    this.rows = [];
    this.writing = this.writing.then(async () => {
      if (!batch.length) return;
      const values: unknown[] = [];
      const tuples = batch.map((r, i) => {
        values.push(r.certificateId, r.channel, r.requester, r.grantId, r.at);
        return `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`;
      });
      try {
        await this.ds.query(`INSERT INTO certificate_verifications (certificate_id, channel, requester_masked, grant_id, created_at) VALUES ${tuples.join(', ')}`, values);
      } catch {
        // A lost log batch must not break verification; the database being down shows elsewhere.
      }
    });
    return this.writing;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.flush();
  }
}
