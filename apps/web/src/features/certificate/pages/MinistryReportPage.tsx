import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Statistic, Table, Tag, Tooltip, Flex } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { downloadFile, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { useCertificates, useMinistryReport, useReportSummary, type CertificateItem, type CertificateQuery, type ReportedStatus } from '../api';
import { formatDateTime } from '../../../lib/format';

const REPORTED: Record<ReportedStatus, { label: string; color: string }> = {
  unreported: { label: '未上报', color: 'default' },
  pending: { label: '上报中', color: 'processing' },
  reported: { label: '已上报', color: 'green' },
  failed: { label: '上报失败', color: 'red' },
};

/** A-14 证书报送人社部: 批量上报 (selected), 全部上报 (all unreported), 重新上报 (failed), status per certificate, export. */
export function MinistryReportPage() {
  const [query, setQuery] = useState<CertificateQuery>({ page: 1, pageSize: 20, reportedStatus: 'unreported' });
  const { data: summary } = useReportSummary();
  // While some certificates are 上报中, the list follows the worker's answers.
  const { data, isFetching } = useCertificates(query, { pollMs: summary?.pending ? 1000 : false });
  const report = useMinistryReport();
  const [selected, setSelected] = useState<string[]>([]);
  const { page: _p, pageSize: _s, ...filters } = query;
  const selectedRows = (data?.items ?? []).filter((c) => selected.includes(c.id));

  const run = async (body: { retry?: boolean; certificateIds?: string[]; all?: boolean }) => {
    try {
      const r = await report.mutateAsync(body);
      feedback().success(`已提交上报 ${r.queued} 条${r.skipped ? `，跳过 ${r.skipped} 条（已上报或正在上报）` : ''}`);
      setSelected([]);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <PageContainer
      title="证书报送人社部"
      description="将已生成电子证书的人员报送到人社部证书库。勾选后点击【批量上报】，或点击【全部上报】报送所有未上报的证书；上报失败的可查看原因后重新上报。"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile('/certificates/ministry-report/export', { ...filters }, '证书报送人社部.xlsx').catch((e) => showError(e))}>
          导出上报记录
        </Button>
      }
    >
      <Section>
        <Flex gap={48} wrap data-testid="report-summary">
          {(Object.keys(REPORTED) as ReportedStatus[]).map((s) => (
            <Statistic key={s} title={REPORTED[s].label} value={summary?.[s] ?? 0} />
          ))}
        </Flex>
      </Section>
      <FilterBar<{ reportedStatus?: ReportedStatus; name?: string; certificateNo?: string }>
        initialValues={{ reportedStatus: 'unreported' }}
        onSearch={(v) => {
          setSelected([]);
          setQuery((q) => ({ page: 1, pageSize: q.pageSize, reportedStatus: v.reportedStatus, name: v.name?.trim() || undefined, certificateNo: v.certificateNo?.trim() || undefined }));
        }}
      >
        <Form.Item name="reportedStatus" label="上报状态">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(REPORTED).map(([value, s]) => ({ value, label: s.label }))} />
        </Form.Item>
        <Form.Item name="name" label="姓名/身份证号">
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="certificateNo" label="证书编号">
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Space style={{ marginBottom: 12 }} wrap>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!selectedRows.some((c) => c.reportedStatus === 'unreported' || c.reportedStatus === 'failed')}
            loading={report.isPending}
            onClick={() => run({ certificateIds: selected })}
          >
            批量上报（已选 {selected.length} 条）
          </Button>
          <Button
            icon={<CloudUploadOutlined />}
            disabled={!summary?.unreported}
            onClick={() =>
              Modal.confirm({
                title: '全部上报',
                content: `将把所有未上报的 ${summary?.unreported ?? 0} 条证书报送到人社部，确定吗？`,
                okText: '确认上报',
                onOk: () => run({ all: true }),
              })
            }
          >
            全部上报
          </Button>
          <Button icon={<RedoOutlined />} disabled={!summary?.failed} onClick={() => run({ retry: true, all: true })}>
            失败的全部重新上报（{summary?.failed ?? 0}）
          </Button>
        </Space>
        <Table<CertificateItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无证书' }}
          scroll={{ x: 1100 }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (r) => ({ disabled: r.reportedStatus === 'reported' || r.reportedStatus === 'pending' }),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '证书编号', dataIndex: 'certificateNo', width: 170 },
            { title: '姓名', dataIndex: 'holderName', width: 90 },
            { title: '身份证号', dataIndex: 'holderIdCard', width: 180 },
            { title: '职称', key: 'title', render: (_: unknown, r) => `${r.titleName}（${r.titleLevelLabel}）` },
            { title: '发证日期', dataIndex: 'issueDate', width: 110 },
            {
              title: '上报状态',
              dataIndex: 'reportedStatus',
              width: 110,
              render: (s: ReportedStatus, r) => {
                const tag = <Tag color={REPORTED[s]?.color}>{REPORTED[s]?.label ?? s}</Tag>;
                return r.reportError ? <Tooltip title={r.reportError}>{tag}</Tooltip> : tag;
              },
            },
            { title: '失败原因', dataIndex: 'reportError', width: 220, ellipsis: true, render: (e: string | null) => e ?? '' },
            { title: '上报时间', dataIndex: 'reportedAt', width: 170, render: (t: string | null) => formatDateTime(t) },
            { title: '次数', dataIndex: 'reportAttempts', width: 70 },
            {
              title: '操作',
              key: 'ops',
              width: 100,
              fixed: 'right',
              render: (_: unknown, r) =>
                r.reportedStatus === 'failed' ? (
                  <Button type="link" size="small" onClick={() => run({ retry: true, certificateIds: [r.id] })}>
                    重新上报
                  </Button>
                ) : r.reportedStatus === 'unreported' ? (
                  <Button type="link" size="small" onClick={() => run({ certificateIds: [r.id] })}>
                    上报
                  </Button>
                ) : null,
            },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
