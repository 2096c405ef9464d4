import { Alert, Table, Tag } from 'antd';
import { Link, useLocation } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { formatDate } from '../../../lib/format';
import { filtersOf, useUrlQuery } from '../../../lib/url-query';
import { useQueue, type AuditFilter, type AuditItem } from '../api';
import { AuditFilters, pagination } from '../components/AuditFilters';

const STATUSES = [
  { value: 'pending', label: '待审核' },
  { value: 'passed_not_reported', label: '通过未上报' },
  { value: 'failed', label: '被上级退回' },
  { value: 'returned_open', label: '退回未重提交' },
];

/** U-03 / U-06 / A-08: 数据审核 — only the declarations waiting at my node. */
export function AuditQueuePage() {
  const location = useLocation();
  const admin = location.pathname.startsWith('/admin');
  const base = admin ? '/admin' : '/office';
  const [query, setQuery] = useUrlQuery<AuditFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQueue(query);
  return (
    <PageContainer
      title={admin ? '资格审核' : '数据审核'}
      description={admin ? '在本职称管理部门等待资格审核的申报；资格审核通过后即为资格复核通过。' : '只列出当前在本单位（部门）等待审核的申报；审核通过后进入下一审核环节。'}
    >
      <AuditFilters statuses={admin ? undefined : STATUSES} initialValues={filtersOf(query)} onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      {data && (
        <Alert type="info" showIcon data-testid="returned-this-year" message={`本年度${admin ? '本部门' : '本单位'}已退回 ${data.returnedThisYear} 人（每人只计一次；“本年退回”列为本单位退回该申报的次数）`} />
      )}
      <Section>
        <Table<AuditItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: query.status === 'returned_open' ? '暂无退回未重提交的申报' : '暂无待审核的申报' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            {
              title: '姓名',
              dataIndex: 'applicantName',
              width: 130,
              render: (n: string, r) => (
                <>
                  {n}
                  {r.blacklisted && <Tag color="red" style={{ marginLeft: 4 }}>黑名单</Tag>}
                </>
              ),
            },
            { title: '工作单位', dataIndex: 'unitName', ellipsis: true },
            { title: '申报职称', key: 'title', render: (_: unknown, r) => `${r.titleName ?? ''}（${r.titleLevelLabel}）` },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '当前环节', dataIndex: 'stage', ellipsis: true },
            { title: '状态', dataIndex: 'statusLabel', width: 130, render: (s: string, r) => <Tag color={r.status === 'returned' ? 'red' : r.status === 'unit_passed' ? 'green' : 'blue'}>{s}</Tag> },
            { title: '本年退回', dataIndex: 'returnsThisYear', width: 90, render: (n: number) => (n ? <Tag color="orange">{n} 次</Tag> : '0') },
            { title: '提交日期', dataIndex: 'submittedAt', width: 110, render: (d: string) => formatDate(d) },
            {
              title: '操作',
              key: 'ops',
              width: 90,
              render: (_: unknown, r) =>
                // returned by this node and not resubmitted: nothing to do here until it comes back
                query.status === 'returned_open' ? (
                  <span>待重新提交</span>
                ) : (
                  // a real link: opens in a new tab too
                  <Link to={`${base}/audit/${r.id}`} state={{ list: location.search }}>审核</Link>
                ),
            },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
