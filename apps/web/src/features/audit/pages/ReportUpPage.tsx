import { useState } from 'react';
import { App, Button, InputNumber, Select, Space, Table, Tabs, Tag } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDate } from '../../../lib/format';
import { auditApi, useAuditAction, useReportList, type AuditFilter, type AuditItem } from '../api';
import { AuditFilters, pagination } from '../components/AuditFilters';

const TABS = [
  { key: 'entrusted', label: '委托未上报' },
  { key: 'non_entrusted', label: '非委托未上报' },
  { key: 'reported', label: '已上报' },
];

/** One row's 委托评审 + 推荐排名 editor, saved on its own. */
function Settings({ r }: { r: AuditItem }) {
  const [entrusted, setEntrusted] = useState<boolean | undefined>(r.entrusted ?? undefined);
  const [rank, setRank] = useState<number | null>(r.recommendationRank);
  const save = useAuditAction((b: { entrusted: boolean; rank: number }) => auditApi.reportSettings(r.id, { version: r.version, entrusted: b.entrusted, recommendationRank: b.rank }));
  return (
    <Space data-testid={`settings-${r.applicantName}`}>
      <Select
        size="small"
        placeholder="委托评审"
        style={{ width: 100 }}
        value={entrusted}
        onChange={setEntrusted}
        options={[{ value: true, label: '委托' }, { value: false, label: '非委托' }]}
      />
      <InputNumber size="small" min={1} max={9999} placeholder="排名" value={rank} onChange={(v) => setRank(v)} style={{ width: 80 }} />
      <Button
        size="small"
        loading={save.isPending}
        onClick={async () => {
          if (entrusted === undefined || !rank) {
            feedback().error('请选择是否委托评审并填写推荐排名');
            return;
          }
          try {
            await save.mutateAsync({ entrusted, rank });
            feedback().success('已保存');
          } catch (e) {
            showError(e);
          }
        }}
      >
        保存
      </Button>
    </Space>
  );
}

/** U-05: 推荐上报 — set 委托评审 and the recommendation rank, then report the selection up the path. */
export function ReportUpPage() {
  const { modal } = App.useApp();
  const [tab, setTab] = useState('non_entrusted');
  const [query, setQuery] = useState<AuditFilter & { sort?: string }>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useReportList({ ...query, tab });
  const [selected, setSelected] = useState<string[]>([]);
  const report = useAuditAction((items: { id: string; version: number }[]) => auditApi.reportUp(items));
  const rows = data?.items ?? [];
  const doReport = () => {
    const items = rows.filter((r) => selected.includes(r.id)).map((r) => ({ id: r.id, version: r.version }));
    modal.confirm({
      title: `确认上报所选 ${items.length} 条申报？`,
      content: '上报后进入上级审核环节，本单位不能再修改委托评审和推荐排名。',
      okText: '确认上报',
      onOk: async () => {
        try {
          const r = await report.mutateAsync(items);
          feedback().success(`已上报 ${r.reported} 条`);
          setSelected([]);
        } catch (e) {
          showError(e);
        }
      },
    });
  };
  return (
    <PageContainer title="推荐上报" description="单位审核通过的申报，设置委托评审和推荐排名后按审核路径上报；路径未开通时不能上报。">
      <AuditFilters onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k);
            setSelected([]);
            setQuery((q) => ({ ...q, page: 1 }));
          }}
          items={TABS}
          tabBarExtraContent={
            tab !== 'reported' && (
              <Space>
                <Select
                  size="small"
                  style={{ width: 140 }}
                  value={query.sort ?? 'rank'}
                  onChange={(sort) => setQuery((q) => ({ ...q, sort }))}
                  options={[{ value: 'rank', label: '按推荐排名' }, { value: 'submittedAt', label: '按提交时间' }]}
                />
                <Button type="primary" disabled={!selected.length} onClick={doReport}>
                  上报（{selected.length}）
                </Button>
              </Space>
            )
          }
        />
        <Table<AuditItem>
          rowKey="id"
          loading={isFetching}
          dataSource={rows}
          locale={{ emptyText: tab === 'reported' ? '暂无已上报的申报' : '暂无待上报的申报' }}
          rowSelection={tab === 'reported' ? undefined : { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            { title: '姓名', dataIndex: 'applicantName', width: 100 },
            { title: '申报职称', key: 'title', render: (_: unknown, r) => `${r.titleName ?? ''}（${r.titleLevelLabel}）` },
            { title: '评委会', dataIndex: 'committeeName', ellipsis: true },
            { title: '提交日期', dataIndex: 'submittedAt', width: 110, render: (d: string) => formatDate(d) },
            tab === 'reported'
              ? {
                  title: '委托评审 / 排名',
                  key: 'settings',
                  render: (_: unknown, r: AuditItem) => (
                    <Space>
                      <Tag>{r.entrusted ? '委托' : '非委托'}</Tag>第 {r.recommendationRank} 名
                    </Space>
                  ),
                }
              : { title: '委托评审 / 推荐排名', key: 'settings', width: 320, render: (_: unknown, r: AuditItem) => <Settings key={`${r.id}-${r.version}`} r={r} /> },
            ...(tab === 'reported'
              ? [
                  { title: '上报日期', dataIndex: 'reportedAt', width: 110, render: (d: string) => formatDate(d) },
                  { title: '当前环节', dataIndex: 'stage', ellipsis: true },
                ]
              : []),
          ]}
        />
      </Section>
    </PageContainer>
  );
}
