import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { FilterBar } from '../../../components/FilterBar';
import { Section } from '../../../components/Section';
import { formatDate } from '../../../lib/format';
import { NOTICE_TYPE_LABELS, useNotices, type NoticeItem, type NoticeQuery, type NoticeSource, type NoticeType } from '../api';

/** H-13 / P-03: notices and policies with search by type, date range and title; a row opens the full text. */
export function NoticeList({ source, fixedType }: { source: NoticeSource; fixedType?: NoticeType }) {
  const [query, setQuery] = useState<NoticeQuery>({ page: 1, pageSize: 20, type: fixedType });
  const { data, isFetching } = useNotices(source, query);
  const [open, setOpen] = useState<NoticeItem | null>(null);
  return (
    <>
      <FilterBar<{ type?: NoticeType; keyword?: string; range?: [Dayjs, Dayjs] }>
        onSearch={(v) =>
          setQuery((q) => ({
            ...q,
            page: 1,
            type: fixedType ?? v.type,
            keyword: v.keyword?.trim() || undefined,
            from: v.range?.[0]?.format('YYYY-MM-DD'),
            to: v.range?.[1]?.format('YYYY-MM-DD'),
          }))
        }
      >
        {!fixedType && (
          <Form.Item name="type" label="类型">
            <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(NOTICE_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item name="range" label="发布时间">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="keyword" label="标题">
          <Input placeholder="标题关键字" allowClear />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<NoticeItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无公告' }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
          columns={[
            { title: '标题', dataIndex: 'title', render: (t: string) => <Typography.Link>{t}</Typography.Link> },
            { title: '类型', dataIndex: 'type', width: 110, render: (t: NoticeType) => <Tag color={t === 'policy' ? 'purple' : 'blue'}>{NOTICE_TYPE_LABELS[t]}</Tag> },
            { title: '发布单位', dataIndex: 'publisherName', width: 220 },
            { title: '发布日期', dataIndex: 'publishedAt', width: 120, render: (v: string) => formatDate(v) },
          ]}
        />
      </Section>
      <Modal title={open?.title} open={open !== null} onCancel={() => setOpen(null)} footer={null} width={720}>
        {open && (
          <>
            <Typography.Paragraph type="secondary">
              {open.publisherName} · {formatDate(open.publishedAt)}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.body}</Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}
