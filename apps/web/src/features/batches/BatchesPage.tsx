import { useEffect, useState } from 'react';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DECLARATION_KIND_LABELS,
  DECLARATION_MODULES,
  DeclarationKind,
  defaultAttachmentBytes,
  LIMITS,
  OrgType,
  Role,
  TITLE_LEVEL_LABELS,
  type BatchDto,
  type BatchTemplateDto,
  type Page,
  type TitleLevel,
} from '@zhicheng/contracts';
import { useOpenValues } from '../../lib/form';
import { api, showError } from '../../lib/api';
import { formatDateTime, chinaInstant, chinaWallTime, chinaYearNow } from '../../lib/format';
import { useCurrentUser } from '../../lib/auth';
import { required } from '../../lib/validators';
import { FilterBar } from '../../components/FilterBar';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { OrgPicker } from '../admin/components/OrgPicker';
import { ExportButton } from '../../components/ExportButton';
import { BatchRulesModal } from '../eligibility/BatchRulesModal';

const STATUS_LABELS: Record<BatchDto['status'], string> = { draft: '草稿', published: '已发布', closed: '已结束' };
const STATUS_COLORS: Record<BatchDto['status'], string> = { draft: 'default', published: 'green', closed: 'red' };
const KIND_OPTIONS = Object.entries(DECLARATION_KIND_LABELS).map(([value, label]) => ({ value, label }));

interface BatchQuery {
  page: number;
  pageSize: number;
  year?: number;
  kind?: string;
  status?: string;
  keyword?: string;
}

type BatchForm = { name: string; year: number; kind: DeclarationKind; committeeId: string; levels: TitleLevel[]; window: [Dayjs, Dayjs]; commitmentText?: string; status: BatchDto['status'] };

function BatchModal({ editing, open, onClose }: { editing: BatchDto | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<BatchForm>();
  const initial = (): Partial<BatchForm> => (editing
            ? { ...editing, window: [chinaWallTime(editing.opensAt), chinaWallTime(editing.closesAt)] }
            : { year: chinaYearNow(), kind: DeclarationKind.Review, levels: [], status: 'draft' }) as Partial<BatchForm>;
  useOpenValues(form, open, initial);
  const kind = Form.useWatch('kind', form);
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  return (
    <Modal title={editing ? '编辑申报批次' : '新建申报批次'} open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden width={680}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async ({ window, ...v }) => {
          setSaving(true);
          const body = { ...v, name: v.name.trim(), opensAt: chinaInstant(window[0]), closesAt: chinaInstant(window[1]), commitmentText: v.commitmentText ?? '' };
          try {
            if (editing) await api.put(`/batches/${editing.id}`, { ...body, version: editing.version });
            else await api.post('/batches', body);
            message.success('已保存');
            await qc.invalidateQueries({ queryKey: ['batches'] });
            onClose();
          } catch (e) {
            showError(e, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="name" label="批次名称" rules={[required('请输入批次名称')]}>
          <Input />
        </Form.Item>
        <Space size={16} style={{ display: 'flex' }}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请输入年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="kind" label="申报类型" rules={[{ required: true, message: '请选择申报类型' }]}>
            <Select options={KIND_OPTIONS} style={{ width: 140 }} disabled={!!editing} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="committeeId" label={kind === DeclarationKind.Review ? '评委会' : '受理机构'} rules={[{ required: true, message: kind === DeclarationKind.Review ? '请选择评委会' : '请选择受理机构' }]}>
          <OrgPicker type={kind === DeclarationKind.Review ? OrgType.Committee : OrgType.AcceptanceInstitution} />
        </Form.Item>
        <Form.Item name="levels" label="申报级别" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个申报级别' }]}>
          <Checkbox.Group options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="window" label="申报时间" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="commitmentText" label="承诺书内容">
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface TemplateRow {
  key: string;
  name: string;
  mandatory: boolean;
  included: boolean;
  required: boolean;
  attachmentRequired: boolean;
  maxMb: number;
}

/** the batch's declaration template: modules from the catalogue valid for the kind, required toggles, attachment rules. */
function TemplateModal({ batch, onClose }: { batch: BatchDto | null; onClose: () => void }) {
  const [rows, setRows] = useState<TemplateRow[]>([]);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  useEffect(() => {
    if (!batch) return;
    void api
      .get<BatchTemplateDto>(`/batches/${batch.id}/template`)
      .then((t) =>
        setRows(
          DECLARATION_MODULES.filter((d) => d.kinds.includes(batch.kind)).map((d) => {
            const cur = t.modules.find((m) => m.key === d.key);
            return {
              key: d.key,
              name: d.name,
              mandatory: !!d.mandatory,
              included: !!cur || !!d.mandatory,
              required: cur?.required ?? !!d.mandatory,
              attachmentRequired: cur?.attachment.required ?? false,
              maxMb: Math.round(((cur?.attachment.maxBytes ?? defaultAttachmentBytes(d)) / 1024 / 1024) * 100) / 100,
            };
          }),
        ),
      )
      .catch(showError);
  }, [batch]);
  const set = (key: string, patch: Partial<TemplateRow>) => setRows((r) => r.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <Modal
      title={`申报模板：${batch?.name ?? ''}`}
      open={!!batch}
      onCancel={onClose}
      width={860}
      okText="保存模板"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      onOk={async () => {
        setSaving(true);
        try {
          await api.put(`/batches/${batch!.id}/template`, {
            modules: rows.filter((r) => r.included).map((r) => ({ key: r.key, required: r.required, attachment: { required: r.attachmentRequired, maxBytes: Math.round(r.maxMb * 1024 * 1024) } })),
          });
          message.success('模板已保存');
          onClose();
        } catch (e) {
          showError(e);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Table<TemplateRow>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '启用', key: 'inc', width: 60, render: (_: unknown, r) => <Checkbox checked={r.included} disabled={r.mandatory} onChange={(e) => set(r.key, { included: e.target.checked })} aria-label={`启用${r.name}`} /> },
          { title: '申报模块', dataIndex: 'name', render: (n: string, r) => (r.mandatory ? <>{n} <Tag>固定</Tag></> : n) },
          { title: '必填', key: 'req', render: (_: unknown, r) => <Switch size="small" checked={r.required} disabled={r.mandatory || !r.included} onChange={(v) => set(r.key, { required: v })} /> },
          { title: '附件必传', key: 'att', render: (_: unknown, r) => <Switch size="small" checked={r.attachmentRequired} disabled={!r.included} onChange={(v) => set(r.key, { attachmentRequired: v })} /> },
          {
            title: '附件大小上限（MB）',
            key: 'size',
            render: (_: unknown, r) => <InputNumber size="small" min={0.01} max={LIMITS.largeAttachmentBytes / 1024 / 1024} step={0.5} value={r.maxMb} disabled={!r.included} onChange={(v) => set(r.key, { maxMb: Number(v ?? 0.5) })} />,
          },
        ]}
      />
    </Modal>
  );
}

/** declaration batches (title offices manage them; committee and acceptance operators see their own). */
export function BatchesPage() {
  const user = useCurrentUser();
  const canManage = user.role === Role.OfficeAdmin;
  const [query, setQuery] = useState<BatchQuery>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<BatchDto | null>(null);
  const [open, setOpen] = useState(false);
  const [template, setTemplate] = useState<BatchDto | null>(null);
  const [rules, setRules] = useState<BatchDto | null>(null);
  const { data, isFetching } = useQuery({ queryKey: ['batches', query], queryFn: () => api.get<Page<BatchDto>>('/batches', { ...query }), placeholderData: keepPreviousData });
  return (
    <PageContainer
      title="申报批次"
      description="设置各评委会、受理机构的申报批次、开放时间与申报模板。"
      extra={
        <Space>
          <ExportButton path="/batches/export" query={{ ...query }} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }}>
              新建批次
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<{ year?: number; kind?: string; status?: string; keyword?: string }>
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, year: v.year || undefined, kind: v.kind || undefined, status: v.status || undefined, keyword: v.keyword?.trim() || undefined }))}
      >
        <Form.Item name="keyword" label="名称">
          <Input allowClear placeholder="批次名称" />
        </Form.Item>
        <Form.Item name="year" label="年度">
          <InputNumber min={2000} max={2100} placeholder="全部" />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select options={KIND_OPTIONS} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<BatchDto>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无批次' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '批次名称', dataIndex: 'name' },
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '类型', dataIndex: 'kind', render: (k: DeclarationKind) => DECLARATION_KIND_LABELS[k] },
            { title: '评委会 / 受理机构', dataIndex: 'committeeName' },
            { title: '级别', dataIndex: 'levels', render: (l: TitleLevel[]) => l.map((x) => TITLE_LEVEL_LABELS[x]).join('、') },
            { title: '申报时间', key: 'window', render: (_: unknown, b) => `${formatDateTime(b.opensAt)} 至 ${formatDateTime(b.closesAt)}` },
            { title: '状态', dataIndex: 'status', render: (s: BatchDto['status']) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag> },
            ...(canManage
              ? [
                  {
                    title: '操作',
                    key: 'ops',
                    render: (_: unknown, b: BatchDto) => (
                      <Space>
                        <Button type="link" size="small" onClick={() => { setEditing(b); setOpen(true); }}>
                          编辑
                        </Button>
                        <Button type="link" size="small" onClick={() => setTemplate(b)}>
                          申报模板
                        </Button>
                        <Button type="link" size="small" onClick={() => setRules(b)}>
                          申报规则
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Section>
      <BatchModal editing={editing} open={open} onClose={() => setOpen(false)} />
      <TemplateModal batch={template} onClose={() => setTemplate(null)} />
      <BatchRulesModal batch={rules} onClose={() => setRules(null)} />
    </PageContainer>
  );
}
