import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { QuotaInput, QuotaItem } from '@zhicheng/contracts';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { showError } from '../../lib/api';
import { feedback } from '../../lib/feedback';
import { useOpenValues } from '../../lib/form';
import { pagination } from '../audit/components/AuditFilters';
import { quotaApi, useQuotaAction, useQuotas, type QuotaQuery } from './api';
import { LEVEL_OPTIONS, QuotaDetailDrawer, QuotaFilters, SeriesSelect, quotaColumns } from './components';
import { chinaYearNow } from '../../lib/format';

/** The 新增 / 修改 form (岗位总数, 已聘数, 申报职数 ≤ 空缺数, 说明). */
function QuotaModal({ editing, open, onClose }: { editing: QuotaItem | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<QuotaInput>();
  useOpenValues(form, open, () => (editing ? { ...editing } : { year: chinaYearNow(), seriesCode: undefined, remark: '' }) as Partial<QuotaInput>);
  const save = useQuotaAction((b: QuotaInput) => (editing ? quotaApi.resubmit(editing.id, { ...b, version: editing.version }) : quotaApi.create(b)));
  const post = Form.useWatch('postTotal', form);
  const employed = Form.useWatch('employedCount', form);
  const vacancy = typeof post === 'number' && typeof employed === 'number' ? post - employed : null;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ ...v, remark: v.remark ?? '' });
      feedback().success(editing ? '已修改并重新提交，等待主管部门审核' : '已提交，等待主管部门审核');
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <Modal title={editing ? '修改职数申报（重新提交）' : '新增职数申报'} open={open} onCancel={onClose} onOk={submit} okText="保存" cancelText="取消" confirmLoading={save.isPending} destroyOnHidden width={620}>
      {editing?.auditOpinion && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`审核不通过：${editing.auditOpinion}`} />}
      <Form form={form} name="quota" layout="vertical">
        <Space size={16} wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请输入年度' }]}>
            <InputNumber min={2000} max={2100} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="seriesCode" label="职称系列" rules={[{ required: true, message: '请选择职称系列' }]}>
            <SeriesSelect placeholder="请选择" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="titleLevel" label="职称级别" rules={[{ required: true, message: '请选择职称级别' }]}>
            <Select placeholder="请选择" style={{ width: 140 }} options={LEVEL_OPTIONS} />
          </Form.Item>
        </Space>
        <Space size={16} wrap>
          <Form.Item name="postTotal" label="岗位总数" rules={[{ required: true, message: '请输入岗位总数' }]}>
            <InputNumber min={0} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="employedCount"
            label="已聘数"
            dependencies={['postTotal']}
            rules={[
              { required: true, message: '请输入已聘数' },
              ({ getFieldValue }) => ({
                validator: (_, v: number) => (v === undefined || v === null || v <= (getFieldValue('postTotal') ?? 0) ? Promise.resolve() : Promise.reject(new Error('已聘数不能大于岗位总数'))),
              }),
            ]}
          >
            <InputNumber min={0} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="requestedCount"
            label="申报职数"
            dependencies={['postTotal', 'employedCount']}
            extra={vacancy !== null && vacancy >= 0 ? `空缺岗位数：${vacancy}` : undefined}
            rules={[
              { required: true, message: '请输入申报职数' },
              () => ({
                validator: (_, v: number) =>
                  v === undefined || v === null || vacancy === null || v <= vacancy ? Promise.resolve() : Promise.reject(new Error(`申报职数不能超过空缺岗位数（${Math.max(vacancy, 0)}）`)),
              }),
            ]}
          >
            <InputNumber min={1} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="remark" label="说明">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：新增研发岗位、岗位调整原因等" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** U-12 职数申报: the unit declares its title position quotas per year, series and level; corrects and resubmits a returned one. */
export function QuotaDeclarePage() {
  const [query, setQuery] = useState<QuotaQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuotas('mine', query);
  const [modal, setModal] = useState<{ editing: QuotaItem | null } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  return (
    <PageContainer
      title="职数申报"
      description="按年度、职称系列和级别申报本单位的职称岗位职数，由本单位的主管部门审核；审核不通过的可修改后重新提交。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ editing: null })}>
          新增
        </Button>
      }
    >
      <QuotaFilters onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section>
        <Table<QuotaItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无职数申报' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            ...quotaColumns({ supervisor: true }),
            { title: '审核意见', dataIndex: 'auditOpinion', ellipsis: true, render: (o: string | null) => o ?? '—' },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              render: (_: unknown, r) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setViewing(r.id)}>
                    详情
                  </Button>
                  {r.status === 'returned' && (
                    <Button type="link" size="small" onClick={() => setModal({ editing: r })}>
                      修改
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <QuotaModal open={modal !== null} editing={modal?.editing ?? null} onClose={() => setModal(null)} />
      <QuotaDetailDrawer id={viewing} onClose={() => setViewing(null)} />
    </PageContainer>
  );
}
