import { Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { WorkbenchAnswer } from '@zhicheng/contracts';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

export function useWorkbench() {
  // refetched when the operator comes back to the tab, so the counts follow the work done elsewhere
  return useQuery({ queryKey: ['workbench'], queryFn: () => api.get<WorkbenchAnswer>('/workbench'), meta: { live: true } });
}

/** U-13: the to-do counts of the operator's queues (each a link to its filtered list) and the open batches. */
export function WorkbenchPanel() {
  const { data, isLoading } = useWorkbench();
  if (isLoading || !data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={5}>待办事项</Typography.Title>
      <Row gutter={[16, 16]} data-testid="workbench-todos">
        {data.todos.map((t) => (
          <Col key={t.key} xs={12} md={8} xl={6}>
            <Link to={t.link} aria-label={`${t.label} ${t.count}`} data-testid={`todo-${t.key}`}>
              <Card hoverable variant="borderless" className={t.count ? 'todo-card todo-card-active' : 'todo-card'}>
                <Statistic title={t.label} value={t.count} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.hint}
                </Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {data.todos.length === 0 && <Empty description="暂无待办事项" />}
      {data.expertPlans && data.expertPlans.length > 0 && (
        <Card variant="borderless" title="我的评审方案" style={{ marginTop: 16 }} data-testid="workbench-expert-plans">
          <List
            dataSource={data.expertPlans}
            renderItem={(p) => (
              <List.Item
                extra={
                  <Space size={4} wrap>
                    <Tag color={p.leftToScore ? 'orange' : 'green'}>待打分 {p.leftToScore}</Tag>
                    <Tag color={p.leftToVote ? 'orange' : 'green'}>待投票 {p.leftToVote}</Tag>
                  </Space>
                }
              >
                <List.Item.Meta title={<Link to={p.link}>{p.name}</Link>} description={`${p.committeeName} · 参评 ${p.participantCount} 人`} />
              </List.Item>
            )}
          />
        </Card>
      )}
      {data.openBatches.length > 0 && (
        <Card variant="borderless" title="正在申报的批次" style={{ marginTop: 16 }} data-testid="workbench-batches">
          <List
            dataSource={data.openBatches}
            renderItem={(b) => (
              <List.Item extra={<Tag color={b.workingDaysLeft <= 3 ? 'red' : b.workingDaysLeft <= 10 ? 'orange' : 'blue'}>剩余 {b.workingDaysLeft} 个工作日</Tag>}>
                <List.Item.Meta title={b.name} description={`截止时间 ${formatDateTime(b.closesAt)}`} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
