import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { TITLE_LEVEL_LABELS, type Page } from '@zhicheng/contracts';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { api, downloadFile, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { useSeries } from '../../admin/api/reference';
import {
  countIssuable, useCreateIssueBatch, useIssuable, useIssueBatch, useIssueBatches, useIssueBatchItems, useIssuers,
  type IssuableDeclaration, type IssuableFilters, type IssueBatch, type IssueBatchItem,
} from '../api';
import { formatDateTime } from '../../../lib/format';

// the Excel import (and its upload area) loads when its tab is first opened
const ImportTab = lazy(() => import('./IssuingImportTab'));

const LEVEL_OPTIONS = Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const ISSUED_OPTIONS = [
  { value: 'no', label: '未发证' },
  { value: 'yes', label: '已发证' },
];
const ITEM_COLOR: Record<string, string> = { pending: 'default', issued: 'green', existing: 'blue', failed: 'red' };

interface Settings {
  issuerOrgId?: string;
  approvalDocNo?: string;
  qualificationDate?: Dayjs;
  issueDate?: Dayjs;
}

/** Asks 将为 N 人发证，确定吗？ (确定 / 取消); answers whether the operator confirmed. */
function confirmIssue(count: number, note?: string): Promise<boolean> {
  return new Promise((resolve) => {
    Modal.confirm({
      title: '确认发证',
      content: (
        <>
          <div>将为 {count} 人发证，确定吗？</div>
          {note && <Typography.Text type="secondary">{note}</Typography.Text>}
        </>
      ),
      okText: '确定',
      cancelText: '取消',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

/** A-13 / A-17 证书发放: four sources (勾选 / 备案文号 / 查询条件 / Excel 导入), each a persisted batch with live progress. */
export function IssuingPage() {
  const [settings] = Form.useForm<Settings>();
  const { data: issuers } = useIssuers();
  const create = useCreateIssueBatch();
  const [current, setCurrent] = useState<string | null>(null);
  const [detail, setDetail] = useState<IssueBatch | null>(null);

  useEffect(() => {
    if (issuers?.items[0] && !settings.getFieldValue('issuerOrgId')) settings.setFieldsValue({ issuerOrgId: issuers.items[0].id });
  }, [issuers, settings]);

  /**
   * Starts a batch with the common settings after the operator confirms the count (issue 15: no batch issue without
   * a confirmation naming how many people it issues to); answers whether it started.
   */
  const start = async (body: Record<string, unknown>, count: number, note?: string): Promise<boolean> => {
    const s = await settings.validateFields();
    if (!(await confirmIssue(count, note))) return false;
    try {
      const b = await create.mutateAsync({
        ...body,
        issuerOrgId: s.issuerOrgId,
        approvalDocNo: s.approvalDocNo?.trim() || undefined,
        qualificationDate: s.qualificationDate?.format('YYYY-MM-DD'),
        issueDate: s.issueDate?.format('YYYY-MM-DD'),
      });
      setCurrent(b.id);
      feedback().success(`已创建发证批次，共 ${b.total} 人，正在发证…`);
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  };

  return (
    <PageContainer
      title="证书发放"
      description="为评审通过并已备案的人员生成职称电子证书。可勾选发证、按备案文号发证、按查询条件批量发证或 Excel 批量导入；同一申报只会发一次证，重复发证会提示“此前已发证”。"
    >
      <Section title="发证设置">
        <Form form={settings} name="issue-settings" layout="inline">
          <Form.Item name="issuerOrgId" label="发证单位" rules={[{ required: true, message: '请选择发证单位' }]}>
            <Select style={{ width: 240 }} placeholder="请选择" options={(issuers?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.issuerCode}）` }))} />
          </Form.Item>
          <Form.Item name="approvalDocNo" label="批准文号" tooltip="留空则使用各人的备案文号">
            <Input style={{ width: 200 }} maxLength={100} placeholder="留空则使用备案文号" />
          </Form.Item>
          <Form.Item name="qualificationDate" label="取得资格时间" tooltip="留空则使用备案日期">
            <DatePicker placeholder="留空则使用备案日期" />
          </Form.Item>
          <Form.Item name="issueDate" label="发证日期" tooltip="留空则为发证当天">
            <DatePicker placeholder="留空为当天" />
          </Form.Item>
        </Form>
      </Section>

      {current && <CurrentBatch id={current} onClose={() => setCurrent(null)} />}

      <Section>
        <Tabs
          items={[
            { key: 'selection', label: '勾选发证', children: <SelectionTab busy={create.isPending} onIssue={(ids) => start({ source: 'selection', declarationIds: ids }, ids.length)} /> },
            { key: 'filing', label: '按备案文号发证', children: <FilingDocTab busy={create.isPending} onIssue={(filingDocNo, count, note) => start({ source: 'filing_doc', filingDocNo }, count, note)} /> },
            { key: 'query', label: '按查询条件批量发证', children: <QueryTab busy={create.isPending} onIssue={(filters, expectedCount) => start({ source: 'query', filters, expectedCount }, expectedCount, '符合条件的全部人员都会发证（查询结果即使有很多页）。请确认条件无误。')} /> },
            { key: 'import', label: '批量导入', children: (
                <Suspense fallback={null}>
                  <ImportTab busy={create.isPending} onIssue={(importJobId, count) => start({ source: 'import', importJobId }, count, '只为校验通过的行发证。')} />
                </Suspense>
              ) },
          ]}
        />
      </Section>

      <BatchesSection onDetail={setDetail} />
      <BatchDetail batch={detail} onClose={() => setDetail(null)} />
    </PageContainer>
  );
}

/** The live progress of the batch just started. */
function CurrentBatch({ id, onClose }: { id: string; onClose: () => void }) {
  const { data: b } = useIssueBatch(id);
  if (!b) return null;
  const done = b.status === 'done';
  return (
    <Section title="当前发证批次" extra={done ? <Button onClick={onClose}>关闭</Button> : null}>
      <div data-testid="issue-progress">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {b.sourceLabel}：{b.description}
          </Typography.Text>
          <Progress percent={b.percent} status={done ? (b.failed ? 'exception' : 'success') : 'active'} />
          <Typography.Text>
            进度 {b.done}/{b.total}，新发证 {b.issued}，此前已发证 {b.existing}，失败 {b.failed}
          </Typography.Text>
          {done && (
            <Alert
              type={b.failed ? 'warning' : 'success'}
              showIcon
              message={`发证完成：新发证 ${b.issued} 人，此前已发证 ${b.existing} 人，失败 ${b.failed} 人`}
              description={b.failed ? '失败原因见下方“发证批次”的明细，可导出结果后修正再发证。' : undefined}
            />
          )}
        </Space>
      </div>
    </Section>
  );
}

function SelectionTab({ busy, onIssue }: { busy: boolean; onIssue: (ids: string[]) => Promise<boolean> }) {
  const [query, setQuery] = useState<IssuableFilters & { page: number; pageSize: number }>({ page: 1, pageSize: 20, issued: 'no' });
  const { data, isFetching } = useIssuable(query);
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <FilterBar<{ name?: string; filingDocNo?: string; issued?: 'yes' | 'no' }>
        initialValues={{ issued: 'no' }}
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, name: v.name?.trim() || undefined, filingDocNo: v.filingDocNo?.trim() || undefined, issued: v.issued }))}
      >
        <Form.Item name="name" label="姓名">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="filingDocNo" label="备案文号">
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="issued" label="是否已发证">
          <Select allowClear placeholder="全部" style={{ width: 110 }} options={ISSUED_OPTIONS} />
        </Form.Item>
      </FilterBar>
      <Button
        type="primary"
        icon={<SafetyCertificateOutlined />}
        disabled={!selected.length}
        loading={busy}
        onClick={async () => {
          if (await onIssue(selected)) setSelected([]);
        }}
      >
        发放证书（已选 {selected.length} 人）
      </Button>
      <DeclarationTable data={data} loading={isFetching} query={query} onPage={(page, pageSize) => setQuery((q) => ({ ...q, page, pageSize }))} selected={selected} setSelected={setSelected} />
    </Space>
  );
}

function DeclarationTable({
  data, loading, query, onPage, selected, setSelected,
}: {
  data?: Page<IssuableDeclaration>;
  loading: boolean;
  query: { page: number; pageSize: number };
  onPage: (page: number, pageSize: number) => void;
  selected?: string[];
  setSelected?: (ids: string[]) => void;
}) {
  return (
    <Table<IssuableDeclaration>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: '没有已备案且评审通过的申报' }}
      scroll={{ x: 1100 }}
      rowSelection={
        setSelected
          ? { selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: !!r.certificateNo }) }
          : undefined
      }
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (t) => `共 ${t} 人`,
        onChange: (page, pageSize) => onPage(pageSize !== query.pageSize ? 1 : page, pageSize),
      }}
      columns={[
        { title: '姓名', dataIndex: 'applicantName', width: 90 },
        { title: '身份证号', dataIndex: 'idCard', width: 180 },
        { title: '职称', key: 'title', render: (_: unknown, r) => `${r.titleName}（${r.titleLevelLabel}）` },
        { title: '专业', dataIndex: 'professionName', width: 100 },
        { title: '评委会', dataIndex: 'committeeName', width: 240, ellipsis: true },
        { title: '备案文号', dataIndex: 'filingDocNo', width: 170 },
        { title: '备案日期', dataIndex: 'filedOn', width: 110 },
        { title: '证书', dataIndex: 'certificateNo', width: 170, render: (no: string | null) => (no ? <Tag color="green">{no}</Tag> : <Tag>未发证</Tag>) },
      ]}
    />
  );
}

function FilingDocTab({ busy, onIssue }: { busy: boolean; onIssue: (no: string, count: number, note?: string) => Promise<boolean> }) {
  const [no, setNo] = useState('');
  const [query, setQuery] = useState<{ page: number; pageSize: number; filingDocNo?: string }>({ page: 1, pageSize: 10 });
  const { data, isFetching } = useIssuable(query, !!query.filingDocNo);
  const { data: unissued } = useIssuable({ page: 1, pageSize: 1, filingDocNo: query.filingDocNo, issued: 'no' }, !!query.filingDocNo);
  const pending = unissued?.total ?? null;
  const search = () => {
    const v = no.trim();
    if (!v) return feedback().warning('请输入备案文号');
    setQuery({ page: 1, pageSize: 10, filingDocNo: v });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input aria-label="备案文号" style={{ width: 260 }} placeholder="如 苏职称备〔2026〕1号" value={no} onChange={(e) => setNo(e.target.value)} onPressEnter={search} />
        <Button onClick={search}>查询</Button>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={busy}
          disabled={!query.filingDocNo || !data?.total}
          onClick={() => {
            // the server issues the ones not yet issued; the others are answered 此前已发证
            const total = data?.total ?? 0;
            const count = pending ?? total;
            void onIssue(query.filingDocNo!, count, count < total ? `备案文号“${query.filingDocNo}”下共 ${total} 人，其中 ${total - count} 人此前已发证，不会重复发证。` : undefined);
          }}
        >
          按备案文号发证
        </Button>
      </Space>
      {query.filingDocNo && data && (
        <Alert type="info" showIcon message={`备案文号“${query.filingDocNo}”下共 ${data.total} 人已备案且评审通过${pending !== null ? `，其中未发证 ${pending} 人` : ''}`} />
      )}
      {query.filingDocNo && <DeclarationTable data={data} loading={isFetching} query={query} onPage={(page, pageSize) => setQuery((q) => ({ ...q, page, pageSize }))} />}
    </Space>
  );
}

interface QueryForm {
  year?: number;
  committeeId?: string;
  seriesCode?: string;
  titleLevel?: string;
  filingDocNo?: string;
  issued?: 'yes' | 'no';
}

function QueryTab({ busy, onIssue }: { busy: boolean; onIssue: (filters: IssuableFilters, expectedCount: number) => Promise<boolean> }) {
  const [form] = Form.useForm<QueryForm>();
  const { data: series } = useSeries();
  const { data: committees } = useQuery({ queryKey: ['committees', 'picker'], queryFn: () => api.get<Page<{ id: string; name: string }>>('/committees', { page: 1, pageSize: 100 }) });
  const [counted, setCounted] = useState<{ filters: IssuableFilters; total: number } | null>(null);
  const filters = (): IssuableFilters => {
    const v = form.getFieldsValue();
    return {
      year: v.year ?? undefined,
      committeeId: v.committeeId,
      seriesCode: v.seriesCode,
      titleLevel: v.titleLevel,
      filingDocNo: v.filingDocNo?.trim() || undefined,
      issued: v.issued,
    };
  };
  const count = async () => {
    const f = filters();
    try {
      setCounted({ filters: f, total: await countIssuable(f) });
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form form={form} name="issue-query" layout="inline" initialValues={{ issued: 'no' }} onValuesChange={() => setCounted(null)}>
        <Form.Item name="year" label="年度">
          <InputNumber min={2000} max={2100} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="committeeId" label="评委会">
          <Select allowClear style={{ width: 260 }} placeholder="全部" options={(committees?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="seriesCode" label="系列">
          <Select allowClear style={{ width: 160 }} placeholder="全部" options={(series ?? []).map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="titleLevel" label="级别">
          <Select allowClear style={{ width: 110 }} placeholder="全部" options={LEVEL_OPTIONS} />
        </Form.Item>
        <Form.Item name="filingDocNo" label="备案文号">
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="issued" label="是否已发证">
          <Select allowClear placeholder="全部" style={{ width: 110 }} options={ISSUED_OPTIONS} />
        </Form.Item>
      </Form>
      <Space>
        <Button onClick={count}>查询人数</Button>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={busy}
          disabled={!counted?.total}
          onClick={() => void onIssue(counted!.filters, counted!.total)}
        >
          按查询条件批量发证
        </Button>
      </Space>
      {counted && <Alert type={counted.total ? 'info' : 'warning'} showIcon message={counted.total ? `符合条件的已备案且评审通过人员共 ${counted.total} 人` : '没有符合条件的人员'} />}
    </Space>
  );
}

function BatchesSection({ onDetail }: { onDetail: (b: IssueBatch) => void }) {
  const [query, setQuery] = useState({ page: 1, pageSize: 10 });
  const { data, isFetching } = useIssueBatches(query);
  return (
    <Section title="发证批次">
      <Table<IssueBatch>
        rowKey="id"
        size="small"
        loading={isFetching && !data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无发证批次' }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setQuery({ page, pageSize }) }}
        columns={[
          { title: '发证方式', dataIndex: 'sourceLabel', width: 150 },
          { title: '说明', dataIndex: 'description', ellipsis: true },
          { title: '进度', key: 'progress', width: 220, render: (_: unknown, b) => <Progress size="small" percent={b.percent} status={b.status === 'done' ? (b.failed ? 'exception' : 'success') : 'active'} format={() => `${b.done}/${b.total}`} /> },
          { title: '新发证', dataIndex: 'issued', width: 80 },
          { title: '此前已发', dataIndex: 'existing', width: 90 },
          { title: '失败', dataIndex: 'failed', width: 70 },
          { title: '状态', dataIndex: 'statusLabel', width: 90 },
          { title: '创建时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatDateTime(t) },
          { title: '操作', key: 'ops', width: 90, render: (_: unknown, b) => <Button type="link" size="small" onClick={() => onDetail(b)}>明细</Button> },
        ]}
      />
    </Section>
  );
}

function BatchDetail({ batch, onClose }: { batch: IssueBatch | null; onClose: () => void }) {
  const [query, setQuery] = useState<{ page: number; pageSize: number; status?: string }>({ page: 1, pageSize: 10 });
  const { data, isFetching } = useIssueBatchItems(batch?.id ?? null, query);
  return (
    <Modal title="发证批次明细" open={!!batch} onCancel={onClose} footer={null} width={900} destroyOnHidden>
      {batch && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={3} items={[
            { key: 's', label: '发证方式', children: batch.sourceLabel },
            { key: 'd', label: '说明', children: batch.description },
            { key: 'p', label: '进度', children: `${batch.done}/${batch.total}` },
          ]} />
          <Space>
            <Select allowClear placeholder="全部结果" style={{ width: 140 }} value={query.status} onChange={(status) => setQuery({ page: 1, pageSize: 10, status })}
              options={[{ value: 'issued', label: '已发证' }, { value: 'existing', label: '此前已发证' }, { value: 'failed', label: '失败' }, { value: 'pending', label: '待发证' }]} />
            <Button icon={<DownloadOutlined />} onClick={() => downloadFile(`/certificates/issue-batches/${batch.id}/export`, undefined, '发证结果.xlsx').catch(showError)}>
              导出结果
            </Button>
          </Space>
          <Table<IssueBatchItem>
            rowKey="seq"
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 70 },
              { title: '导入行号', dataIndex: 'rowNo', width: 90, render: (n: number | null) => n ?? '—' },
              { title: '姓名', dataIndex: 'applicantName', width: 90 },
              { title: '身份证号', dataIndex: 'idCard', width: 180 },
              { title: '结果', dataIndex: 'statusLabel', width: 110, render: (l: string, r) => <Tag color={ITEM_COLOR[r.status]}>{l}</Tag> },
              { title: '证书编号', dataIndex: 'certificateNo', width: 170 },
              { title: '失败原因', dataIndex: 'error' },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
