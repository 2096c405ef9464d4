import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { validateIdCard } from '@zhicheng/contracts';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { downloadFile, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDate, chinaToday } from '../../../lib/format';
import { BLACKLIST_SOURCES, useAddBlacklist, useBlacklist, useEditBlacklist, useLiftBlacklist, type BlacklistItem, type BlacklistQuery } from '../api';

const STATUS: Record<BlacklistItem['status'], { label: string; color: string }> = {
  active: { label: '有效', color: 'red' },
  expired: { label: '已到期', color: 'default' },
  lifted: { label: '已解除', color: 'green' },
};

interface EntryForm {
  realName: string;
  idCard: string;
  reason: string;
  source: string;
  period: [Dayjs, Dayjs];
}

/** B-01..B-05: 黑名单管理 — add, edit, view, lift with a reason, export the current query. */
export function BlacklistPage() {
  const [query, setQuery] = useState<BlacklistQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useBlacklist(query);
  const [editing, setEditing] = useState<BlacklistItem | 'new' | null>(null);
  const [viewing, setViewing] = useState<BlacklistItem | null>(null);
  const [lifting, setLifting] = useState<BlacklistItem | null>(null);
  const [form] = Form.useForm<EntryForm>();
  const [liftForm] = Form.useForm<{ reason: string }>();
  const add = useAddBlacklist();
  const edit = useEditBlacklist();
  const lift = useLiftBlacklist();

  const openEditor = (item: BlacklistItem | 'new') => {
    setEditing(item);
    form.resetFields();
    if (item !== 'new') {
      form.setFieldsValue({ realName: item.realName, idCard: item.idCard, reason: item.reason, source: item.source, period: [dayjs(item.startsOn), dayjs(item.endsOn)] });
    } else {
      form.setFieldsValue({ source: '审核发现', period: [chinaToday(), chinaToday().add(3, 'year')] });
    }
  };

  const save = async () => {
    const v = await form.validateFields();
    const [start, end] = v.period;
    const body = { reason: v.reason, source: v.source, startsOn: start.format('YYYY-MM-DD'), endsOn: end.format('YYYY-MM-DD') };
    try {
      if (editing === 'new') await add.mutateAsync({ ...body, realName: v.realName, idCard: v.idCard.trim().toUpperCase() });
      else if (editing) await edit.mutateAsync({ id: editing.id, version: editing.version, ...body });
      feedback().success('已保存');
      setEditing(null);
    } catch (e) {
      showError(e, form);
    }
  };

  const doLift = async () => {
    const v = await liftForm.validateFields();
    try {
      await lift.mutateAsync({ id: lifting!.id, version: lifting!.version, reason: v.reason });
      feedback().success('已解除');
      setLifting(null);
    } catch (e) {
      showError(e, liftForm);
    }
  };

  return (
    <PageContainer
      title="黑名单管理"
      description="弄虚作假等情形列入黑名单，有效期内不能提交职称申报；审核人员在申报上可见警示。"
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile('/blacklist/export', { keyword: query.keyword, status: query.status }, '黑名单.xlsx').catch((e) => showError(e))}>
            导出
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor('new')}>
            新增
          </Button>
        </Space>
      }
    >
      <FilterBar<{ keyword?: string; status?: BlacklistQuery['status'] }>
        onSearch={(v) => setQuery((q) => ({ ...q, page: 1, keyword: v.keyword?.trim() || undefined, status: v.status }))}
      >
        <Form.Item name="keyword" label="姓名/身份证号">
          <Input placeholder="姓名或完整身份证号" allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<BlacklistItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无黑名单记录' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '姓名', dataIndex: 'realName', width: 100 },
            { title: '身份证号', dataIndex: 'idCard', width: 190 },
            { title: '列入原因', dataIndex: 'reason', ellipsis: true },
            { title: '来源', dataIndex: 'source', width: 100 },
            { title: '有效期', key: 'period', width: 210, render: (_: unknown, r) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}` },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: BlacklistItem['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
            {
              title: '操作',
              key: 'ops',
              width: 170,
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => setViewing(r)}>
                    查看
                  </Button>
                  {r.status === 'active' && (
                    <>
                      <Button type="link" size="small" onClick={() => openEditor(r)}>
                        编辑
                      </Button>
                      <Button type="link" size="small" danger onClick={() => { liftForm.resetFields(); setLifting(r); }}>
                        解除
                      </Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Section>

      <Modal title={editing === 'new' ? '新增黑名单' : '编辑黑名单'} open={editing !== null} onOk={save} onCancel={() => setEditing(null)} confirmLoading={add.isPending || edit.isPending} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical" scrollToFirstError={{ focus: true }}>
          <Form.Item name="realName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input disabled={editing !== 'new'} maxLength={32} />
          </Form.Item>
          <Form.Item
            name="idCard"
            label="身份证号"
            rules={editing === 'new' ? [{ required: true, message: '请输入身份证号' }, { validator: (_, v: string) => (v && validateIdCard(v) ? Promise.reject(new Error(validateIdCard(v)!)) : Promise.resolve()) }] : []}
          >
            <Input disabled={editing !== 'new'} maxLength={18} />
          </Form.Item>
          <Form.Item name="source" label="来源" rules={[{ required: true, message: '请选择来源' }]}>
            <Select options={BLACKLIST_SOURCES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="period" label="有效期" rules={[{ required: true, message: '请选择有效期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label="列入原因" rules={[{ required: true, message: '请填写列入原因' }, { min: 2, message: '请填写列入原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>

      <Modal title={`解除黑名单：${lifting?.realName ?? ''}`} open={lifting !== null} onOk={doLift} onCancel={() => setLifting(null)} confirmLoading={lift.isPending} okText="确认解除" okButtonProps={{ danger: true }} destroyOnHidden>
        <Form form={liftForm} layout="vertical">
          <Form.Item name="reason" label="解除原因" rules={[{ required: true, message: '请填写解除原因' }, { min: 2, message: '请填写解除原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>

      <Drawer title="黑名单详情" open={viewing !== null} onClose={() => setViewing(null)} width={480}>
        {viewing && (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="姓名">{viewing.realName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{viewing.idCard}</Descriptions.Item>
            <Descriptions.Item label="来源">{viewing.source}</Descriptions.Item>
            <Descriptions.Item label="有效期">{`${formatDate(viewing.startsOn)} 至 ${formatDate(viewing.endsOn)}`}</Descriptions.Item>
            <Descriptions.Item label="状态"><Tag color={STATUS[viewing.status].color}>{STATUS[viewing.status].label}</Tag></Descriptions.Item>
            <Descriptions.Item label="列入原因">{viewing.reason}</Descriptions.Item>
            {viewing.liftReason && <Descriptions.Item label="解除原因">{viewing.liftReason}</Descriptions.Item>}
            <Descriptions.Item label="列入时间">{formatDate(viewing.createdAt)}</Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
    </PageContainer>
  );
}
