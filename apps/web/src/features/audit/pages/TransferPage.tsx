import { useState } from 'react';
import { App, Button, Select, Space, Table, Tag } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { auditApi, useAdminList, useAuditAction, useCommittees, type AuditFilter, type AuditItem } from '../api';
import { AuditFilters, pagination } from '../components/AuditFilters';
import { ADMIN_STATUSES } from './TracePage';

/** 转换评委会 — the selection, or every declaration matching the query (all pages), after a count confirmation. */
export function TransferPage() {
  const { modal } = App.useApp();
  const [query, setQuery] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useAdminList(query);
  const committees = useCommittees();
  const [target, setTarget] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const transfer = useAuditAction((b: Parameters<typeof auditApi.transfer>[0]) => auditApi.transfer(b));

  const go = async (mode: 'selected' | 'query') => {
    if (!target) {
      feedback().error('请选择目标评委会');
      return;
    }
    const { page: _p, pageSize: _s, ...filters } = query;
    void _p;
    void _s;
    const scope = mode === 'selected' ? { ids: selected } : { query: filters };
    try {
      const dry = await auditApi.transfer({ targetCommitteeId: target, ...scope, dryRun: true });
      if (!dry.count) {
        feedback().warning('没有可转换的申报');
        return;
      }
      modal.confirm({
        title: '确认转换评委会',
        content: `将${mode === 'selected' ? '所选' : '符合查询条件的全部'} ${dry.count} 条申报转至“${dry.targetName}”，并重新确定审核路径。确认转换？`,
        okText: '确认转换',
        onOk: async () => {
          try {
            const r = await transfer.mutateAsync({ targetCommitteeId: target, ...scope, expectedCount: dry.count });
            feedback().success(`已转换 ${r.moved} 条申报`);
            setSelected([]);
          } catch (e) {
            showError(e);
          }
        },
      });
    } catch (e) {
      showError(e);
    }
  };

  return (
    <PageContainer title="转换评委会" description="将申报转至其他评委会：每条申报按新评委会重新确定并保存审核路径，过程跟踪中记录转换。">
      <AuditFilters statuses={ADMIN_STATUSES} onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section
        extra={
          <Space>
            <Select
              placeholder="目标评委会"
              style={{ width: 320 }}
              value={target}
              onChange={setTarget}
              showSearch
              optionFilterProp="label"
              options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            <Button disabled={!selected.length} onClick={() => go('selected')}>
              转换所选（{selected.length}）
            </Button>
            <Button type="primary" onClick={() => go('query')}>
              按查询条件全部转换
            </Button>
          </Space>
        }
      >
        <Table<AuditItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
          locale={{ emptyText: '暂无申报' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            { title: '姓名', dataIndex: 'applicantName', width: 100 },
            { title: '申报职称', key: 'title', render: (_: unknown, r) => `${r.titleName ?? ''}（${r.titleLevelLabel}）` },
            { title: '评委会', dataIndex: 'committeeName', ellipsis: true },
            { title: '状态', dataIndex: 'statusLabel', width: 150, render: (s: string) => <Tag>{s}</Tag> },
            { title: '当前环节', dataIndex: 'stage', ellipsis: true },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
