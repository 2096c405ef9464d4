import { useState } from 'react';
import { Button, Form, Select, Table, Tag, Tooltip } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { useJobs, useQueues, useRetryJob, type JobItem, type JobQuery, type JobState, type QueueItem } from '../api';
import { formatDateTime } from '../../../lib/format';

const STATES: Record<JobState, { label: string; color: string }> = {
  created: { label: '排队中', color: 'default' },
  retry: { label: '等待重试', color: 'orange' },
  active: { label: '运行中', color: 'processing' },
  completed: { label: '已完成', color: 'green' },
  cancelled: { label: '已取消', color: 'default' },
  failed: { label: '失败', color: 'red' },
};

const time = (t: string | null) => formatDateTime(t);

/** X-06 后台任务: the queues with their counts, running and failed jobs with attempts and errors, 重试 of a failed job. */
export function JobsPage() {
  const [query, setQuery] = useState<JobQuery>({ page: 1, pageSize: 20, state: 'failed' });
  const { data: queues, isFetching: qf } = useQueues(5000);
  const { data, isFetching } = useJobs(query, query.state === 'active' ? 2000 : false);
  const retry = useRetryJob();

  const onRetry = async (j: JobItem) => {
    try {
      await retry.mutateAsync(j.id);
      feedback().success(`已将任务重新排队：${j.queueLabel}`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <PageContainer title="后台任务" description="系统的后台任务（消息投递、证书批量发放、证书报送人社部、定时任务）在数据库中的任务队列里执行，任一服务进程都可处理；失败的任务可查看原因后重试。">
      <Section title="任务队列">
        <Table<QueueItem>
          rowKey="name"
          size="small"
          loading={qf && !queues}
          dataSource={queues?.items ?? []}
          pagination={false}
          data-testid="job-queues"
          columns={[
            { title: '任务', dataIndex: 'label' },
            { title: '队列名', dataIndex: 'name', width: 220 },
            { title: '定时', dataIndex: 'schedule', width: 200, render: (s: string | null) => s ?? '按需' },
            { title: '排队中', dataIndex: 'queued', width: 90 },
            { title: '运行中', dataIndex: 'active', width: 90 },
            { title: '失败', dataIndex: 'failed', width: 80, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
            { title: '已完成', dataIndex: 'completed', width: 90 },
          ]}
        />
      </Section>
      <FilterBar<{ state?: JobState; queue?: string }>
        initialValues={{ state: 'failed' }}
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, state: v.state, queue: v.queue }))}
      >
        <Form.Item name="state" label="任务状态">
          <Select allowClear placeholder="全部" style={{ width: 130 }} options={Object.entries(STATES).map(([value, s]) => ({ value, label: s.label }))} />
        </Form.Item>
        <Form.Item name="queue" label="任务">
          <Select allowClear placeholder="全部" style={{ width: 220 }} options={(queues?.items ?? []).map((q) => ({ value: q.name, label: q.label }))} />
        </Form.Item>
      </FilterBar>
      <Section title="任务列表">
        <Table<JobItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无任务' }}
          scroll={{ x: 1100 }}
          data-testid="job-list"
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '任务', dataIndex: 'queueLabel', width: 180 },
            { title: '状态', dataIndex: 'state', width: 100, render: (s: JobState) => <Tag color={STATES[s]?.color}>{STATES[s]?.label ?? s}</Tag> },
            { title: '尝试次数', key: 'attempts', width: 100, render: (_: unknown, r) => `${r.attempts} / ${r.maxAttempts}` },
            { title: '失败原因', dataIndex: 'error', ellipsis: true, render: (e: string | null) => (e ? <Tooltip title={e}>{e}</Tooltip> : '') },
            { title: '参数', dataIndex: 'data', width: 200, ellipsis: true },
            { title: '创建时间', dataIndex: 'createdAt', width: 170, render: time },
            { title: '开始时间', dataIndex: 'startedAt', width: 170, render: time },
            {
              title: '操作',
              key: 'ops',
              width: 90,
              fixed: 'right',
              render: (_: unknown, r) =>
                r.state === 'failed' ? (
                  <Button type="link" size="small" icon={<RedoOutlined />} loading={retry.isPending} onClick={() => onRetry(r)}>
                    重试
                  </Button>
                ) : null,
            },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
