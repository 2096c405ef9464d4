import { Injectable } from '@nestjs/common';

/** One review an expert took part in (a drawn panel seat or a reserve of a review plan). */
export interface ExpertParticipation {
  planId: string;
  planName: string;
  committeeName: string;
  batchName: string | null;
  year: number;
  /** panel: drawn for the panel; reserve: drawn as a reserve. */
  role: 'panel' | 'reserve';
  /** e.g. accepted / declined / replaced, as the draw records it. */
  status: string;
  drawnAt: string;
}

/**
 * Where C-08 reads an expert's participation from. The review-plan and draw tables (C-02, C-03, issue 7 committee /
 * scoring modules) are built separately; until they are merged the default source answers "not available yet".
 * Joining them later = one class extending this one (a query over the draw table by expert id, grouped for counts)
 * bound in `ExpertRecordsModule` instead of `PendingParticipationSource`; the endpoints and the screen stay unchanged.
 */
export abstract class ExpertParticipationSource {
  abstract readonly available: boolean;
  /** Participation count per expert id (one grouped query for a page of experts). */
  abstract counts(expertIds: string[], year?: number): Promise<Map<string, number>>;
  abstract list(expertId: string, year?: number): Promise<ExpertParticipation[]>;
}

@Injectable()
export class PendingParticipationSource extends ExpertParticipationSource {
  readonly available = false;
  counts(): Promise<Map<string, number>> {
    return Promise.resolve(new Map());
  }
  list(): Promise<ExpertParticipation[]> {
    return Promise.resolve([]);
  }
}
