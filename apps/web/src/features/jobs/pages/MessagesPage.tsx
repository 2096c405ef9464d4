import { useState } from 'react';
import { Button, Form, Select, Table, Tag, Tooltip } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { useMessages, useResendMessage, type MessageItem, type MessageQuery } from '../api';
import { formatDateTime } from '../../../lib/format';

const STATUS: Record<MessageItem['status'], { label: string; color: string }> = {
  pending: { label: '待发送', color: 'processing' },
  sent: { label: '已发送', color: 'green' },
  failed: { label: '发送失败', color: 'red' },
};

const time = (t: string | null) => formatDateTime(t);

/** X-05 消息投递: e-mail and SMS with their delivery state; 发送失败 is the dead-letter list, each with 重新发送. */
export function MessagesPage() {
  const [query, setQuery] = useState<MessageQuery>({ page: 1, pageSize: 20, status: 'failed' });
  const { data, isFetching } = useMessages(query);
  const resend = useResendMessage();

  const onResend = async (m: MessageItem) => {
    try {
      await resend.mutateAsync(m.id);
      feedback().success(`已重新提交发送：${m.subject}`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <PageContainer title="消息投递" description="短信和电子邮件的发送状态。发送失败的消息已按设定次数自动重试，可查看最后一次失败原因，处理后点击【重新发送】。">
      <FilterBar<{ status?: MessageItem['status']; channel?: MessageItem['channel'] }>
        initialValues={{ status: 'failed' }}
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, status: v.status, channel: v.channel }))}
      >
        <Form.Item name="status" label="发送状态">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />
        </Form.Item>
        <Form.Item name="channel" label="渠道">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={[{ value: 'email', label: '电子邮件' }, { value: 'sms', label: '短信' }]} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<MessageItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无消息' }}
          scroll={{ x: 1200 }}
          data-testid="message-list"
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '事件', dataIndex: 'eventLabel', width: 120 },
            { title: '渠道', dataIndex: 'channelLabel', width: 90 },
            { title: '收件人', dataIndex: 'recipient', width: 200 },
            { title: '标题', dataIndex: 'subject', width: 180, ellipsis: true },
            { title: '状态', dataIndex: 'status', width: 100, render: (s: MessageItem['status']) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag> },
            { title: '尝试次数', dataIndex: 'attempts', width: 90 },
            { title: '最后一次失败原因', dataIndex: 'lastError', ellipsis: true, render: (e: string | null) => (e ? <Tooltip title={e}>{e}</Tooltip> : '') },
            { title: '创建时间', dataIndex: 'createdAt', width: 170, render: time },
            {
              title: '操作',
              key: 'ops',
              width: 110,
              fixed: 'right',
              render: (_: unknown, r) =>
                r.status === 'failed' ? (
                  <Button type="link" size="small" icon={<SendOutlined />} loading={resend.isPending} onClick={() => onResend(r)}>
                    重新发送
                  </Button>
                ) : null,
            },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
