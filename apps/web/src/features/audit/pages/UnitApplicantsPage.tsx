import { useState } from 'react';
import { Button, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { downloadFile, showError } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { useUnitApplicants, type AuditFilter, type AuditItem } from '../api';
import { AuditFilters, pagination } from '../components/AuditFilters';

export const UNIT_STATUSES = [
  { value: 'under_audit', label: '审核中' },
  { value: 'unit_passed', label: '单位审核通过，待上报' },
  { value: 'returned', label: '已退回' },
  { value: 'qualified', label: '资格复核通过' },
  { value: 'cancelled', label: '已取消' },
];

/** U-10: 申报人员查询 — the unit's applicants and where each declaration is (identity masked). */
export function UnitApplicantsPage() {
  const [query, setQuery] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useUnitApplicants(query);
  return (
    <PageContainer
      title="申报人员查询"
      description="本单位人员提交的职称申报及其当前进度。"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => { const { page: _p, pageSize: _s, ...filters } = query; void downloadFile('/audit/unit-applicants/export', filters, '本单位申报人员.xlsx').catch((e) => showError(e)); }}>
          导出Excel
        </Button>
      }
    >
      <AuditFilters statuses={UNIT_STATUSES} onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section>
        <Table<AuditItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无申报人员' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            { title: '姓名', dataIndex: 'applicantName', width: 100 },
            { title: '身份证号', dataIndex: 'idCard', width: 190 },
            { title: '手机', dataIndex: 'mobile', width: 130 },
            { title: '申报职称', key: 'title', render: (_: unknown, r) => `${r.titleName ?? ''}（${r.titleLevelLabel}）` },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '状态', dataIndex: 'statusLabel', width: 150, render: (s: string) => <Tag>{s}</Tag> },
            { title: '当前环节', dataIndex: 'stage', ellipsis: true },
            { title: '提交日期', dataIndex: 'submittedAt', width: 110, render: (d: string) => formatDate(d) },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
