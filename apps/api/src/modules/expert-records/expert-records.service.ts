import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maskMobile } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { ExpertsService } from '../experts/experts.service.js';
import type { ExpertRecordDetailQueryDto, ExpertRecordQueryDto } from './dto/expert-records.dto.js';
import { ExpertParticipationSource } from './participation.source.js';

/**
 * C-08 评委申报记录查询: the committee's (or, for a title office, its region's) experts — what each declared when
 * entering the pool (work unit, title and level, review professions, declared avoidance) — and the reviews each took
 * part in. Scope is the expert pool's: an entry is seen by the organisation managing it and the title offices above.
 */
@Injectable()
export class ExpertRecordsService {
  constructor(
    private readonly ds: DataSource,
    private readonly experts: ExpertsService,
    private readonly participation: ExpertParticipationSource,
    private readonly crypto: CryptoService,
  ) {}

  async list(user: AuthUser, q: ExpertRecordQueryDto) {
    const { year, ...rest } = q;
    const page = await this.experts.list(user, { ...rest, page: q.page, pageSize: q.pageSize } as ExpertRecordQueryDto);
    const counts = await this.participation.counts(page.items.map((e) => e.id), year);
    return {
      ...page,
      participationAvailable: this.participation.available,
      items: page.items.map((e) => ({ ...e, participationCount: this.participation.available ? (counts.get(e.id) ?? 0) : null })),
    };
  }

  async detail(user: AuthUser, id: string, q: ExpertRecordDetailQueryDto) {
    const expert = await this.experts.get(user, id);
    const rows: { mobile_enc: string | null; email: string | null; created_at: Date }[] = await this.ds.query(
      'SELECT u.mobile_enc, u.email, e.created_at FROM experts e JOIN users u ON u.id = e.user_id WHERE e.id = $1',
      [id],
    );
    const mobile = rows[0]?.mobile_enc ? this.crypto.decrypt(rows[0].mobile_enc) : null;
    return {
      expert: { ...expert, mobileMasked: mobile ? maskMobile(mobile) : null, email: rows[0]?.email ?? null, enteredAt: rows[0]?.created_at ? new Date(rows[0].created_at).toISOString() : null },
      participationAvailable: this.participation.available,
      participations: await this.participation.list(id, q.year),
    };
  }
}
