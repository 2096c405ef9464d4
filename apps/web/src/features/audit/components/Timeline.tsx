import { Timeline, Typography } from 'antd';
import type { TimelineEntry } from '@zhicheng/contracts';
import { formatDateTime } from '../../../lib/format';

/** A-24 / H-08: the one append-only timeline (who, organisation, from → to, opinion, time). */
export function DeclarationTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Timeline
      items={entries.map((e) => ({
        color: e.action === 'return' || e.action === 'return_for_supplement' ? 'red' : e.action === 'qualify' ? 'green' : 'blue',
        children: (
          <div data-testid="timeline-entry">
            <Typography.Text strong>{e.actionLabel}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {formatDateTime(e.at)}
            </Typography.Text>
            <div>
              {[e.actorName, e.organisationName].filter(Boolean).join(' · ') || '系统'}
              {(e.fromStage || e.toStage) && <span>：{e.fromStage ?? '申报人'} → {e.toStage ?? '—'}</span>}
            </div>
            {e.opinion && <div>意见：{e.opinion}</div>}
          </div>
        ),
      }))}
    />
  );
}
