import { useState } from 'react';
import { Form, Input, Table } from 'antd';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import type { Page } from '@zhicheng/contracts';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer, Section } from '../../../components/PageContainer';
import { api } from '../../../lib/api';
import { formatDate } from '../../../lib/format';

interface Row {
  name: string;
  unitName: string;
  titleName: string;
  publicityTitle: string;
  startsOn: string;
  endsOn: string;
}

/** P-02: 申报公示 — the units' publicities currently running (names masked). */
export function PublicityPublicPage() {
  const [q, setQ] = useState<{ page: number; pageSize: number; keyword?: string }>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({
    queryKey: ['public', 'publicity', q],
    queryFn: () => api.get<Page<Row>>('/public/publicity', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string | number>),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="public-page">
      <PageContainer title="申报公示" description="用人单位对本单位职称申报人员的公示，公示期内接受社会监督。">
        <FilterBar<{ keyword?: string }> onSearch={(v) => setQ((x) => ({ ...x, page: 1, keyword: v.keyword?.trim() || undefined }))}>
          <Form.Item name="keyword" label="单位/职称">
            <Input allowClear placeholder="单位名称、职称或公示标题" style={{ width: 240 }} />
          </Form.Item>
        </FilterBar>
        <Section>
          <Table<Row>
            rowKey={(r, i) => `${r.publicityTitle}-${r.name}-${i}`}
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: '暂无公示' }}
            pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setQ((x) => ({ ...x, page, pageSize })) }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '工作单位', dataIndex: 'unitName' },
              { title: '申报职称', dataIndex: 'titleName' },
              { title: '公示', dataIndex: 'publicityTitle' },
              { title: '公示期', key: 'period', width: 220, render: (_: unknown, r) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}` },
            ]}
          />
        </Section>
      </PageContainer>
    </div>
  );
}
