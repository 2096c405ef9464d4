import { useState } from 'react';
import { Alert, Form, Input, Table, Tag, Typography } from 'antd';
import type { MessageChannel } from '@zhicheng/contracts';
import { formatDateTime } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useOutbox, type OutboxItem } from '../api';

const CHANNEL: Record<MessageChannel, { label: string; color: string }> = {
  sms: { label: '短信', color: 'green' },
  email: { label: '邮件', color: 'blue' },
  inapp: { label: '站内信', color: 'purple' },
  ministry: { label: '上报人社部', color: 'orange' },
};

/** Shows links in a message body as links (reset links point back at this site). */
function Body({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s，。]+)/g);
  return (
    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p}>
            {p}
          </a>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </Typography.Paragraph>
  );
}

/** X-03 development sink: what the system would have sent by SMS, e-mail and in-app. */
export function OutboxPage() {
  const [recipient, setRecipient] = useState('');
  const { data, isFetching, error } = useOutbox(recipient);
  return (
    <div className="public-page">
      <PageContainer title="开发收件箱" description="开发与测试环境下，系统“发送”的短信、邮件和站内信都显示在这里（最近50条）。生产环境不提供此页面。">
        {error && <Alert type="error" showIcon title={(error as Error).message} />}
        <FilterBar<{ recipient?: string }> onSearch={(v) => setRecipient(v.recipient?.trim() ?? '')}>
          <Form.Item name="recipient" label="接收人">
            <Input placeholder="手机号或邮箱（部分匹配）" allowClear />
          </Form.Item>
        </FilterBar>
        <Section>
          <Table<OutboxItem>
            rowKey="id"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无消息' }}
            columns={[
              { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
              {
                title: '渠道',
                dataIndex: 'channel',
                width: 90,
                render: (c: MessageChannel) => <Tag color={CHANNEL[c]?.color}>{CHANNEL[c]?.label ?? c}</Tag>,
              },
              { title: '接收人', dataIndex: 'recipient', width: 200 },
              { title: '主题', dataIndex: 'subject', width: 140 },
              { title: '内容', dataIndex: 'body', render: (b: string) => <Body text={b} /> },
            ]}
          />
        </Section>
      </PageContainer>
    </div>
  );
}
