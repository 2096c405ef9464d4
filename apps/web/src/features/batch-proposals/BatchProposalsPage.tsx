import { filtersOf, useUrlQuery } from '../../lib/url-query';
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { BATCH_PROPOSAL_STATUS_LABELS, TITLE_LEVEL_LABELS, type BatchProposalStatus, type Page, type TitleLevel } from '@zhicheng/contracts';
import { FilterBar } from '../../components/FilterBar';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { api, showError } from '../../lib/api';
import { feedback } from '../../lib/feedback';
import { useOpenValues } from '../../lib/form';
import { formatDate, formatDateTime, chinaInstant, chinaWallTime, chinaYearNow } from '../../lib/format';
import { pagination } from '../audit/components/AuditFilters';

interface Proposal {
  id: string;
  committeeId: string;
  committeeName: string;
  year: number;
  name: string;
  levels: TitleLevel[];
  opensAt: string;
  closesAt: string;
  plannedCount: number;
  contactName: string;
  contactPhone: string;
  remark: string;
  status: BatchProposalStatus;
  reviewOpinion: string | null;
  reviewedAt: string | null;
  batchId: string | null;
  submittedAt: string;
  version: number;
}
interface Query {
  page: number;
  pageSize: number;
  year?: number;
  status?: string;
}
type ProposalForm = { year: number; name: string; levels: TitleLevel[]; window: [Dayjs, Dayjs]; plannedCount: number; contactName: string; contactPhone: string; remark?: string };

const STATUS_COLORS: Record<BatchProposalStatus, string> = { submitted: 'blue', returned: 'red', approved: 'green' };
const LEVEL_OPTIONS = Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }));

function useProposalAction<B>(fn: (b: B) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['batch-proposals'] }) });
}

function ProposalModal({ editing, open, onClose }: { editing: Proposal | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ProposalForm>();
  useOpenValues(form, open, () => (editing ? { ...editing, window: [chinaWallTime(editing.opensAt), chinaWallTime(editing.closesAt)] } : { year: chinaYearNow(), levels: [] }) as Partial<ProposalForm>);
  const save = useProposalAction((b: object) => (editing ? api.put(`/batch-proposals/${editing.id}`, { ...b, version: editing.version }) : api.post('/batch-proposals', b)));
  const submit = async () => {
    const { window, ...v } = await form.validateFields();
    try {
      await save.mutateAsync({ ...v, remark: v.remark ?? '', opensAt: chinaInstant(window[0].startOf('day')), closesAt: chinaInstant(window[1].endOf('day')) });
      feedback().success('已提交，等待职称管理部门审核');
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <Modal title={editing ? '修改年度批次信息（重新提交）' : '新增年度批次信息'} open={open} onCancel={onClose} onOk={submit} okText="保存" cancelText="取消" confirmLoading={save.isPending} destroyOnHidden width={640}>
      {editing?.reviewOpinion && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`退回原因：${editing.reviewOpinion}`} />}
      <Form form={form} name="batchProposal" layout="vertical">
        <Space size={16} wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请输入年度' }]}>
            <InputNumber min={2000} max={2100} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="name" label="批次名称" rules={[{ required: true, whitespace: true, message: '请输入批次名称' }]}>
            <Input maxLength={200} style={{ width: 400 }} placeholder="如：2027年度工程技术高级职称评审" />
          </Form.Item>
        </Space>
        <Form.Item name="levels" label="评审级别" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个评审级别' }]}>
          <Select mode="multiple" options={LEVEL_OPTIONS} placeholder="请选择" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="window" label="申报起止日期" rules={[{ required: true, message: '请选择申报起止日期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="plannedCount" label="计划评审人数" rules={[{ required: true, message: '请输入计划评审人数' }]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Space size={16} wrap>
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请输入联系人' }]}>
            <Input maxLength={64} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, pattern: /^[0-9-]{7,20}$/, message: '联系电话格式有误' }]}>
            <Input maxLength={20} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="remark" label="说明">
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * C-09 年度批次信息提交 (/office, committee: 查询, 新增, 修改被退回的) and its review (/admin: 通过 creates a draft 申报批次
 * in 申报批次管理, 退回 with a reason).
 */
export function BatchProposalsPage() {
  const admin = useLocation().pathname.startsWith('/admin');
  const [query, setQuery] = useUrlQuery<Query>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({ queryKey: ['batch-proposals', query], queryFn: () => api.get<Page<Proposal>>('/batch-proposals', { ...query }), placeholderData: keepPreviousData });
  const [modal, setModal] = useState<{ editing: Proposal | null } | null>(null);
  const [reviewing, setReviewing] = useState<Proposal | null>(null);
  const [form] = Form.useForm<{ opinion?: string }>();
  const approve = useProposalAction((p: Proposal) => api.post(`/batch-proposals/${p.id}/approve`, { version: p.version, opinion: form.getFieldValue('opinion')?.trim() || undefined }));
  const ret = useProposalAction((b: { p: Proposal; reason: string }) => api.post(`/batch-proposals/${b.p.id}/return`, { version: b.p.version, reason: b.reason }));
  const decide = async (ok: boolean) => {
    try {
      if (ok) {
        await approve.mutateAsync(reviewing!);
        feedback().success('已通过，已生成草稿申报批次，请在“申报批次”中完善模板并发布');
      } else {
        const v = await form.validateFields();
        await ret.mutateAsync({ p: reviewing!, reason: v.opinion!.trim() });
        feedback().success('已退回评委会');
      }
      setReviewing(null);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      showError(e, form);
    }
  };
  return (
    <PageContainer
      title={admin ? '年度批次审核' : '年度批次信息提交'}
      description={admin ? '审核各评委会提交的年度批次信息；通过后生成草稿申报批次。' : '提交本评委会本年度的评审批次信息，由职称管理部门审核；通过后生成申报批次。'}
      extra={
        !admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ editing: null })}>
            新增
          </Button>
        )
      }
    >
      <FilterBar<{ year?: number; status?: string }> initialValues={filtersOf(query)} onSearch={(v) => setQuery((q) => ({ ...q, year: v.year || undefined, status: v.status || undefined, page: 1 }))}>
        <Form.Item name="year" label="年度">
          <InputNumber min={2000} max={2100} placeholder="如 2027" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 200 }} options={Object.entries(BATCH_PROPOSAL_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<Proposal>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无年度批次信息' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            { title: '年度', dataIndex: 'year', width: 70 },
            ...(admin ? [{ title: '评委会', dataIndex: 'committeeName', ellipsis: true } as const] : []),
            { title: '批次名称', dataIndex: 'name', ellipsis: true },
            { title: '评审级别', dataIndex: 'levels', width: 150, render: (l: TitleLevel[]) => l.map((x) => TITLE_LEVEL_LABELS[x]).join('、') },
            { title: '申报起止', key: 'window', width: 200, render: (_: unknown, r) => `${formatDate(r.opensAt)} 至 ${formatDate(r.closesAt)}` },
            { title: '计划人数', dataIndex: 'plannedCount', width: 90 },
            { title: '状态', dataIndex: 'status', width: 190, render: (s: BatchProposalStatus) => <Tag color={STATUS_COLORS[s]}>{BATCH_PROPOSAL_STATUS_LABELS[s]}</Tag> },
            { title: '审核意见', dataIndex: 'reviewOpinion', ellipsis: true, render: (o: string | null) => o ?? '—' },
            { title: '提交时间', dataIndex: 'submittedAt', width: 160, render: (d: string) => formatDateTime(d) },
            {
              title: '操作',
              key: 'ops',
              width: 90,
              render: (_: unknown, r) =>
                admin
                  ? r.status === 'submitted' && (
                      <Button type="link" size="small" onClick={() => { form.resetFields(); setReviewing(r); }}>
                        审核
                      </Button>
                    )
                  : r.status === 'returned' && (
                      <Button type="link" size="small" onClick={() => setModal({ editing: r })}>
                        修改
                      </Button>
                    ),
            },
          ]}
        />
      </Section>
      {!admin && <ProposalModal open={modal !== null} editing={modal?.editing ?? null} onClose={() => setModal(null)} />}
      <Modal
        title={`审核年度批次信息：${reviewing?.name ?? ''}`}
        open={reviewing !== null}
        onCancel={() => setReviewing(null)}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={() => setReviewing(null)}>取消</Button>
            <Button danger loading={ret.isPending} onClick={() => decide(false)}>
              退回
            </Button>
            <Button type="primary" loading={approve.isPending} onClick={() => decide(true)}>
              审核通过
            </Button>
          </Space>
        }
      >
        {reviewing && (
          <p>
            {reviewing.committeeName}，联系人 {reviewing.contactName}（{reviewing.contactPhone}）。{reviewing.remark}
          </p>
        )}
        <Form form={form} name="batchProposalReview" layout="vertical">
          <Form.Item name="opinion" label="审核意见（退回时必填）" rules={[{ required: true, whitespace: true, message: '请输入退回原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
