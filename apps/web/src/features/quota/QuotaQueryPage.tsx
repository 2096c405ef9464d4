import { useState } from 'react';
import { Button, Table } from 'antd';
import type { QuotaItem } from '@zhicheng/contracts';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { pagination } from '../audit/components/AuditFilters';
import { useQuotas, type QuotaQuery } from './api';
import { QuotaDetailDrawer, QuotaFilters, quotaColumns } from './components';

/** A-19 职数申报查询: the title office's region, filtered, paged, exported as xlsx. */
export function QuotaQueryPage() {
  const [query, setQuery] = useState<QuotaQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuotas('query', query);
  const [viewing, setViewing] = useState<string | null>(null);
  return (
    <PageContainer title="职数申报查询" description="查看本地区各单位的职数申报及审核情况；可按条件导出查询结果。" extra={<ExportButton path="/quotas/export" query={{ ...query }} />}>
      <QuotaFilters withUnit onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section>
        <Table<QuotaItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无职数申报' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            ...quotaColumns({ unit: true, supervisor: true }),
            {
              title: '操作',
              key: 'ops',
              width: 80,
              render: (_: unknown, r) => (
                <Button type="link" size="small" onClick={() => setViewing(r.id)}>
                  详情
                </Button>
              ),
            },
          ]}
        />
      </Section>
      <QuotaDetailDrawer id={viewing} onClose={() => setViewing(null)} />
    </PageContainer>
  );
}
