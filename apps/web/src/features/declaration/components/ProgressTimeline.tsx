import { Alert, Col, Empty, Row, Steps, Timeline, Typography } from 'antd';
import type { PathStageView, TimelineEntry } from '@zhicheng/contracts';
import { formatDateTime } from '../../../lib/format';
import { PathPreviewPanel } from '../../eligibility/PathPreviewPanel';

const STEP_STATUS = { done: 'finish', current: 'process', pending: 'wait' } as const;

/** 审核进度 (H-08): the snapshotted path (done / current / pending) and every event with its opinion. */
export function ProgressTimeline({
  path,
  entries,
  loading,
  lastReturnReason,
  declarationId,
}: {
  path: PathStageView[] | null;
  entries: TimelineEntry[] | undefined;
  loading?: boolean;
  lastReturnReason?: string | null;
  /** Before submission: show the path the declaration would take (or where it breaks). */
  declarationId?: string;
}) {
  return (
    <div className="progress-timeline">
      {lastReturnReason && <Alert type="error" showIcon message="退回原因" description={lastReturnReason} style={{ marginBottom: 16 }} />}
      <Row gutter={32}>
        <Col xs={24} md={10}>
          <Typography.Title level={5}>审核路径</Typography.Title>
          {path && path.length > 0 ? (
            <Steps
              size="small"
              orientation="vertical"
              className="path-steps"
              data-testid="path-steps"
              items={path.map((s) => ({
                title: s.label,
                description: s.orgName,
                status: STEP_STATUS[s.state],
              }))}
            />
          ) : declarationId ? (
            <PathPreviewPanel declarationId={declarationId} />
          ) : (
            <Typography.Paragraph type="secondary">提交后显示本次申报的审核路径。</Typography.Paragraph>
          )}
        </Col>
        <Col xs={24} md={14}>
          <Typography.Title level={5}>办理记录</Typography.Title>
          {!loading && (!entries || entries.length === 0) ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无办理记录" />
          ) : (
            <Timeline
              data-testid="timeline"
              pending={loading ? '加载中…' : undefined}
              items={(entries ?? []).map((e) => ({
                color: e.action === 'return' || e.action === 'cancel' ? 'red' : e.action === 'submit' || e.action === 'resubmit' ? 'blue' : 'green',
                children: (
                  <div className="timeline-entry">
                    <div>
                      <Typography.Text strong>{e.actionLabel}</Typography.Text>
                      {e.toStage && <Typography.Text type="secondary">　→ {e.toStage}</Typography.Text>}
                    </div>
                    <Typography.Text type="secondary">
                      {formatDateTime(e.at)}
                      {e.organisationName ? `　${e.organisationName}` : ''}
                      {e.actorName ? `　${e.actorName}` : ''}
                    </Typography.Text>
                    {e.opinion && <div className="timeline-opinion">意见：{e.opinion}</div>}
                  </div>
                ),
              }))}
            />
          )}
        </Col>
      </Row>
    </div>
  );
}
