import { useState } from 'react';
import { Form, Input, Table, Tabs } from 'antd';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { Page } from '@zhicheng/contracts';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
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

interface ResultRow {
  name: string;
  unitName: string | null;
  titleName: string | null;
  planName: string;
  committeeName: string;
  result: string;
  startsOn: string;
  endsOn: string;
}

/** P-02: 申报公示 (units) and 评审结果公示 (committees, C-06), names masked. */
export function PublicityPublicPage() {
  const [params, setParams] = useSearchParams();
  return (
    <div className="public-page">
      <PageContainer title="公示公告" description="职称申报公示与评审结果公示，公示期内接受社会监督。">
        <Tabs
          activeKey={params.get('tab') === 'result' ? 'result' : 'unit'}
          onChange={(k) => setParams(k === 'result' ? { tab: 'result' } : {})}
          items={[
            { key: 'unit', label: '申报公示', children: <UnitPublicity /> },
            { key: 'result', label: '评审结果公示', children: <ResultPublicity /> },
          ]}
        />
      </PageContainer>
    </div>
  );
}

function ResultPublicity() {
  const [q, setQ] = useState<{ page: number; pageSize: number; keyword?: string }>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({
    queryKey: ['public', 'review-publicity', q],
    queryFn: () => api.get<Page<ResultRow>>('/public/review-publicity', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string | number>),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <FilterBar<{ keyword?: string }> onSearch={(v) => setQ((x) => ({ ...x, page: 1, keyword: v.keyword?.trim() || undefined }))}>
        <Form.Item name="keyword" label="关键字">
          <Input allowClear placeholder="评委会、方案、单位或职称" style={{ width: 240 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<ResultRow>
          rowKey={(r, i) => `${r.planName}-${r.name}-${i}`}
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无评审结果公示' }}
          pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setQ((x) => ({ ...x, page, pageSize })) }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '工作单位', dataIndex: 'unitName' },
            { title: '评审职称', dataIndex: 'titleName' },
            { title: '评委会', dataIndex: 'committeeName' },
            { title: '评审方案', dataIndex: 'planName' },
            { title: '评审结果', dataIndex: 'result', width: 90 },
            { title: '公示期', key: 'period', width: 220, render: (_: unknown, r) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}` },
          ]}
        />
      </Section>
    </>
  );
}

function UnitPublicity() {
  const [q, setQ] = useState<{ page: number; pageSize: number; keyword?: string }>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({
    queryKey: ['public', 'publicity', q],
    queryFn: () => api.get<Page<Row>>('/public/publicity', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string | number>),
    placeholderData: keepPreviousData,
  });
  return (
    <>
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
    </>
  );
}
