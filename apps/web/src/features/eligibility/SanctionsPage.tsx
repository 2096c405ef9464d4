import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SANCTION_KINDS, validateIdCard, type Page, type SanctionRecord } from '@zhicheng/contracts';
import { FilterBar } from '../../components/FilterBar';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { api, showError } from '../../lib/api';
import { feedback } from '../../lib/feedback';
import { chinaToday, formatDate } from '../../lib/format';

const STATUS: Record<SanctionRecord['status'], { label: string; color: string }> = {
  active: { label: '处分期内', color: 'red' },
  expired: { label: '已期满', color: 'default' },
  lifted: { label: '已解除', color: 'green' },
};

interface Query {
  page: number;
  pageSize: number;
  keyword?: string;
}

interface EntryForm {
  realName: string;
  idCard: string;
  kind: string;
  reason: string;
  period: [Dayjs, Dayjs];
}

const keys = { all: ['sanctions'] as const };

/**
 * H-14 处分登记: a unit (its own staff) or a title office records a sanction with its period; during the period the
 * person cannot declare (人社部令第40号). Lifting it early needs a reason; both are in the operation log.
 */
export function SanctionsPage() {
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({ queryKey: [...keys.all, query], queryFn: () => api.get<Page<SanctionRecord>>('/sanctions', { ...query }), placeholderData: keepPreviousData });
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: keys.all });
  const add = useMutation({ mutationFn: (b: Omit<EntryForm, 'period'> & { startsOn: string; endsOn: string }) => api.post<SanctionRecord>('/sanctions', b), onSuccess: invalidate });
  const lift = useMutation({ mutationFn: (b: { id: string; reason: string }) => api.post<SanctionRecord>(`/sanctions/${b.id}/lift`, { reason: b.reason }), onSuccess: invalidate });
  const [adding, setAdding] = useState(false);
  const [lifting, setLifting] = useState<SanctionRecord | null>(null);
  const [form] = Form.useForm<EntryForm>();
  const [liftForm] = Form.useForm<{ reason: string }>();

  const save = async () => {
    const v = await form.validateFields();
    try {
      await add.mutateAsync({ realName: v.realName, idCard: v.idCard.trim().toUpperCase(), kind: v.kind, reason: v.reason, startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD') });
      feedback().success('已登记');
      setAdding(false);
    } catch (e) {
      showError(e, form);
    }
  };
  const doLift = async () => {
    const v = await liftForm.validateFields();
    try {
      await lift.mutateAsync({ id: lifting!.id, reason: v.reason });
      feedback().success('已解除');
      setLifting(null);
    } catch (e) {
      showError(e, liftForm);
    }
  };

  return (
    <PageContainer
      title="处分登记"
      description="根据《职称评审管理暂行规定》（人力资源社会保障部令第40号），受到处分的人员在处分期内不得申报参加职称评审。登记后，处分期内的人员在申报条件自检和提交时均被拒绝。"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ kind: '警告', period: [chinaToday(), chinaToday().add(1, 'year')] });
            setAdding(true);
          }}
        >
          登记处分
        </Button>
      }
    >
      <FilterBar<{ keyword?: string }> onSearch={(v) => setQuery((q) => ({ ...q, page: 1, keyword: v.keyword?.trim() || undefined }))}>
        <Form.Item name="keyword" label="姓名">
          <Input placeholder="姓名" allowClear style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<SanctionRecord>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无处分记录' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '姓名', dataIndex: 'realName', width: 100 },
            { title: '身份证号', dataIndex: 'idCard', width: 190 },
            { title: '处分类型', dataIndex: 'kind', width: 110 },
            { title: '处分原因', dataIndex: 'reason', ellipsis: true },
            { title: '处分期', key: 'period', width: 210, render: (_: unknown, r) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}` },
            { title: '状态', dataIndex: 'status', width: 100, render: (s: SanctionRecord['status'], r) => <Tag color={STATUS[s].color} title={r.liftReason ?? undefined}>{STATUS[s].label}</Tag> },
            {
              title: '操作',
              key: 'ops',
              width: 90,
              render: (_: unknown, r) =>
                r.status === 'active' && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => {
                      liftForm.resetFields();
                      setLifting(r);
                    }}
                  >
                    解除
                  </Button>
                ),
            },
          ]}
        />
      </Section>
      <Modal title="登记处分" open={adding} onOk={save} onCancel={() => setAdding(false)} confirmLoading={add.isPending} okText="登记" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="realName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            name="idCard"
            label="身份证号"
            rules={[{ required: true, message: '请输入身份证号' }, { validator: (_, v: string) => (!v || !validateIdCard(v.trim().toUpperCase()) ? Promise.resolve() : Promise.reject(new Error(validateIdCard(v.trim().toUpperCase())!))) }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="kind" label="处分类型" rules={[{ required: true, message: '请选择处分类型' }]}>
            <Select options={SANCTION_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="period" label="处分期" rules={[{ required: true, message: '请选择处分期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label="处分原因" rules={[{ required: true, whitespace: true, message: '请填写处分原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={lifting ? `解除处分：${lifting.realName}` : '解除处分'} open={!!lifting} onOk={doLift} onCancel={() => setLifting(null)} confirmLoading={lift.isPending} okText="解除" cancelText="取消" okButtonProps={{ danger: true }} destroyOnHidden>
        <Form form={liftForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label="解除原因" rules={[{ required: true, whitespace: true, message: '请填写解除原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
