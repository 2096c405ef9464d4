import { useState } from 'react';
import { Button, Descriptions, Drawer, Steps, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { downloadFile, showError } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { useAdminList, useTrace, type AuditFilter, type AuditItem } from '../api';
import { AuditFilters, pagination } from '../components/AuditFilters';
import { DeclarationTimeline } from '../components/Timeline';

export const ADMIN_STATUSES = [
  { value: 'under_audit', label: '审核中' },
  { value: 'unit_passed', label: '单位审核通过，待上报' },
  { value: 'returned', label: '已退回' },
  { value: 'qualified', label: '资格复核通过' },
];

/** 过程跟踪 — every declaration in the region and its one timeline. */
export function TracePage() {
  const [query, setQuery] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useAdminList(query);
  const [open, setOpen] = useState<string | null>(null);
  const trace = useTrace(open);
  return (
    <PageContainer
      title="过程跟踪"
      description="查看本地区申报的审核路径和每一步的处理人、机构、意见和时间。"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => { const { page: _p, pageSize: _s, ...filters } = query; void downloadFile('/audit/admin/declarations/export', filters, '申报信息.xlsx').catch((e) => showError(e)); }}>
          导出Excel
        </Button>
      }
    >
      <AuditFilters statuses={ADMIN_STATUSES} onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section>
        <Table<AuditItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无申报' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            { title: '姓名', dataIndex: 'applicantName', width: 100 },
            { title: '工作单位', dataIndex: 'unitName', ellipsis: true },
            { title: '申报职称', key: 'title', render: (_: unknown, r) => `${r.titleName ?? ''}（${r.titleLevelLabel}）` },
            { title: '评委会', dataIndex: 'committeeName', ellipsis: true },
            { title: '状态', dataIndex: 'statusLabel', width: 150, render: (s: string) => <Tag>{s}</Tag> },
            { title: '当前环节', dataIndex: 'stage', ellipsis: true },
            { title: '提交日期', dataIndex: 'submittedAt', width: 110, render: (d: string) => formatDate(d) },
            { title: '操作', key: 'ops', width: 90, render: (_: unknown, r) => <Button type="link" size="small" onClick={() => setOpen(r.id)}>过程跟踪</Button> },
          ]}
        />
      </Section>
      <Drawer title="过程跟踪" width={640} open={open !== null} onClose={() => setOpen(null)}>
        {trace.data && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="申报人">{trace.data.applicantName}</Descriptions.Item>
              <Descriptions.Item label="工作单位">{trace.data.unitName}</Descriptions.Item>
              <Descriptions.Item label="申报职称">{trace.data.titleName}</Descriptions.Item>
              <Descriptions.Item label="评委会">{trace.data.committeeName}</Descriptions.Item>
              <Descriptions.Item label="状态">{trace.data.statusLabel}</Descriptions.Item>
            </Descriptions>
            {trace.data.path && (
              <Steps
                direction="vertical"
                size="small"
                style={{ margin: '16px 0' }}
                current={trace.data.path.findIndex((s) => s.state === 'current')}
                items={trace.data.path.map((s) => ({ title: s.label, description: s.orgName }))}
              />
            )}
            <DeclarationTimeline entries={trace.data.timeline} />
          </>
        )}
      </Drawer>
    </PageContainer>
  );
}
