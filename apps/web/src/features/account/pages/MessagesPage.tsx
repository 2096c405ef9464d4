import { useState } from 'react';
import { Badge, Table, Tabs, Typography } from 'antd';
import { NoticeList } from '../../notices/components/NoticeList';
import { formatDateTime } from '../../../lib/format';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useMessages, type InboxMessage } from '../api';

/** H-13: 消息中心, the user's in-app notifications, newest first. */
export function MessagesPage() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, isFetching } = useMessages(page, pageSize);
  return (
    <PageContainer title="消息中心" description="个人通知（审核结果、退回等）、公告通知和政策规范。">
      <Tabs
        items={[
          { key: 'mine', label: '个人通知', children: <PersonalMessages data={data} isFetching={isFetching} page={page} pageSize={pageSize} setPage={setPage} setPageSize={setPageSize} /> },
          { key: 'announcement', label: '公告通知', children: <NoticeList source="me" fixedType="announcement" /> },
          { key: 'policy', label: '政策规范', children: <NoticeList source="me" fixedType="policy" /> },
        ]}
      />
    </PageContainer>
  );
}

function PersonalMessages({
  data,
  isFetching,
  page,
  pageSize,
  setPage,
  setPageSize,
}: {
  data: ReturnType<typeof useMessages>['data'];
  isFetching: boolean;
  page: number;
  pageSize: number;
  setPage: (p: number) => void;
  setPageSize: (s: number) => void;
}) {
  return (
      <Section>
        <Table<InboxMessage>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无消息' }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
          columns={[
            {
              title: '主题',
              dataIndex: 'subject',
              width: 220,
              render: (s: string, r) => <Badge dot={!r.readAt} offset={[6, 0]}>{s}</Badge>,
            },
            { title: '内容', dataIndex: 'body', render: (b: string) => <Typography.Text>{b}</Typography.Text> },
            { title: '时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Section>
  );
}
