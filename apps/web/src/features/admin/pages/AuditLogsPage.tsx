import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, downloadFile, showError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useAuditLogs, type AuditLogItem, type AuditLogQuery } from '../api';

interface AuditLogFilters {
  action?: string;
  targetType?: string;
  actor?: string;
  range?: [Dayjs, Dayjs];
}

/** 变更内容 — one line per changed field, `字段：旧值 → 新值` (values masked by the server). */
function Changes({ changes }: { changes: AuditLogItem['changes'] }) {
  if (!changes.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid="audit-changes" style={{ fontSize: 12, wordBreak: 'break-all' }}>
      {changes.map((c) => (
        <div key={c.field}>
          <Typography.Text strong>{c.label}</Typography.Text>：{c.before || '（空）'} → {c.after || '（空）'}
        </div>
      ))}
    </div>
  );
}

interface ChainReport {
  checked: number;
  unsealed: number;
  ok: boolean;
  firstBroken: { id: string; chainSeq: string; reason: string } | null;
}

/** Issue 13: 校验完整性 — the server seals pending entries and walks the SM3 chain; the first broken entry is named. */
function ChainCheck() {
  const check = useMutation({ mutationFn: () => api.get<ChainReport>('/audit-logs/verify'), onError: (e) => showError(e) });
  const r = check.data;
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} loading={check.isPending} onClick={() => check.mutate()}>
        校验完整性
      </Button>
      {r && (
        <Alert
          style={{ marginTop: 12 }}
          data-testid="chain-report"
          type={r.ok ? 'success' : 'error'}
          showIcon
          title={r.ok ? `日志完整：已校验 ${r.checked} 条，SM3 链无断点` : `日志被篡改：第 ${r.firstBroken!.chainSeq} 条（编号 ${r.firstBroken!.id}）${r.firstBroken!.reason}`}
          description={r.ok ? undefined : `此前 ${r.checked} 条完好。请保全数据库并通知安全管理员。`}
        />
      )}
    </>
  );
}

/** the audit log of the organisations in the admin's region, paged on the server. */
export function AuditLogsPage() {
  const [query, setQuery] = useState<AuditLogQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useAuditLogs(query);
  const filters = { action: query.action, targetType: query.targetType, actor: query.actor, from: query.from, to: query.to };
  return (
    <PageContainer title="操作日志" description="记录辖区内每一次数据变更：操作人、机构、对象、变更前后和IP。日志只能追加，并以 SM3 链封存，可随时校验是否被篡改。" extra={
        <Space align="start">
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile('/audit-logs/export', filters, '操作日志.xlsx').catch((e) => showError(e))}>
            导出
          </Button>
          <ChainCheck />
        </Space>
      }
    >
      <FilterBar<AuditLogFilters>
        onSearch={(v) =>
          setQuery((q) => ({
            ...q,
            page: 1,
            action: v.action?.trim() || undefined,
            targetType: v.targetType?.trim() || undefined,
            actor: v.actor?.trim() || undefined,
            from: v.range?.[0]?.format('YYYY-MM-DD'),
            to: v.range?.[1]?.format('YYYY-MM-DD'),
          }))
        }
      >
        <Form.Item name="action" label="操作">
          <Input placeholder="操作代码，如 auth.login" allowClear />
        </Form.Item>
        <Form.Item name="targetType" label="对象类型">
          <Input placeholder="如 user" allowClear />
        </Form.Item>
        <Form.Item name="actor" label="操作账号">
          <Input placeholder="登录账号" allowClear />
        </Form.Item>
        <Form.Item name="range" label="时间">
          <DatePicker.RangePicker />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<AuditLogItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无日志' }}
          scroll={{ x: 1300 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: '操作人', key: 'actor', width: 150, render: (_: unknown, r) => (r.actorUsername ? `${r.actorName ?? ''}（${r.actorUsername}）` : '系统') },
            { title: '机构', dataIndex: 'organisationName', width: 180, ellipsis: true, render: (n: string | null) => n ?? '—' },
            { title: '操作', dataIndex: 'actionLabel', width: 170 },
            { title: '对象', key: 'target', width: 200, render: (_: unknown, r) => `${r.targetType}${r.targetId ? ' · ' + r.targetId.slice(0, 8) : ''}` },
            { title: '变更内容', dataIndex: 'changes', render: (v: AuditLogItem['changes']) => <Changes changes={v} /> },
            { title: 'IP', dataIndex: 'ip', width: 130 },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
