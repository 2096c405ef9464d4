import { filtersOf, useUrlQuery } from '../../../lib/url-query';
import { useState } from 'react';
import { Button, Form, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router';
import { REVIEW_PLAN_KIND_LABELS, REVIEW_PLAN_STATUS_LABELS, Role } from '@zhicheng/contracts';
import { ExportButton } from '../../../components/ExportButton';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useCurrentUser } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { usePlans, type PlanQuery, type PlanSummary } from '../api';
import { PlanForm } from './PlanForm';

export const PLAN_STATUS_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', rejected: 'error', approved: 'success', drawn: 'blue', closed: 'purple', publicity: 'orange', filing_applied: 'processing', filed: 'success' };

/** C-02 评审方案 (committee) and A-21 评审方案查询 (title office): one list, scoped by the server. */
export function ReviewPlansPage() {
  const user = useCurrentUser();
  const committee = user.role === Role.CommitteeOperator;
  const base = useLocation().pathname.startsWith('/admin') ? '/admin' : '/office';
  const navigate = useNavigate();
  const [query, setQuery] = useUrlQuery<PlanQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const { data, isFetching } = usePlans(query);
  return (
    <PageContainer
      title={committee ? '评审方案' : '评审方案查询'}
      description={committee ? '呈报评审方案（参评人员、评委要求、评分规则、附件），审核通过后抽取评委、组织评审、公示结果并申请备案。' : '查询辖区内评委会呈报的评审方案，审核方案（普通/特殊）与评审结果备案。'}
      extra={
        committee && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建评审方案
          </Button>
        )
      }
    >
      <FilterBar<{ keyword?: string; status?: string; kind?: string }> initialValues={filtersOf(query)} onSearch={(v) => setQuery((q) => ({ ...q, page: 1, keyword: v.keyword?.trim() || undefined, status: v.status, kind: v.kind }))}>
        <Form.Item name="keyword" label="关键字">
          <Input allowClear placeholder="方案或评委会名称" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear style={{ width: 140 }} options={Object.entries(REVIEW_PLAN_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select allowClear style={{ width: 140 }} options={Object.entries(REVIEW_PLAN_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </FilterBar>
      <Section extra={<ExportButton path="/review-plans/export" query={{ ...query }} />}>
        <Table<PlanSummary>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无评审方案' }}
          pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (n) => `共 ${n} 条`, onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
          columns={[
            { title: '方案名称', dataIndex: 'name', render: (n: string, r) => <Link to={`${base}/review-plans/${r.id}`}>{n}</Link> },
            { title: '评委会', dataIndex: 'committeeName', ellipsis: true },
            { title: '类型', dataIndex: 'kind', width: 120, render: (k: keyof typeof REVIEW_PLAN_KIND_LABELS) => REVIEW_PLAN_KIND_LABELS[k] },
            { title: '参评人数', dataIndex: 'participantCount', width: 90 },
            { title: '状态', dataIndex: 'status', width: 120, render: (s: keyof typeof REVIEW_PLAN_STATUS_LABELS) => <Tag color={PLAN_STATUS_COLORS[s]}>{REVIEW_PLAN_STATUS_LABELS[s]}</Tag> },
            { title: '呈报时间', dataIndex: 'submittedAt', width: 170, render: (d: string | null) => formatDateTime(d) },
            { title: '操作', key: 'ops', width: 80, render: (_: unknown, r) => <Button type="link" size="small" onClick={() => navigate(`${base}/review-plans/${r.id}`)}>查看</Button> },
          ]}
        />
      </Section>
      <PlanForm open={creating} plan={null} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
