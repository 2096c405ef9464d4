import { useState } from 'react';
import { Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, Role } from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDate } from '../../../lib/format';
import { NOTICE_TYPE_LABELS, useNotices, useSaveNotice, type NoticeItem, type NoticeQuery, type NoticeType } from '../api';

const AUDIENCES = [{ value: 'public', label: '所有人（公开）' }, ...Object.values(Role).map((r) => ({ value: r, label: ROLE_LABELS[r] }))];
const STATUS: Record<NoticeItem['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'green' },
  withdrawn: { label: '已撤回', color: 'orange' },
};

/** 公告与政策发布 — publish announcements and policy documents to an audience; withdraw them. */
export function AdminNoticesPage() {
  const [query, setQuery] = useState<NoticeQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useNotices('admin', query);
  const [editing, setEditing] = useState<NoticeItem | 'new' | null>(null);
  const [form] = Form.useForm<{ type: NoticeType; title: string; body: string; audience: string[]; status: 'draft' | 'published' }>();
  const save = useSaveNotice();

  const open = (n: NoticeItem | 'new') => {
    setEditing(n);
    form.resetFields();
    form.setFieldsValue(n === 'new' ? { type: 'announcement', audience: ['public'], status: 'published' } : { type: n.type, title: n.title, body: n.body, audience: n.audience, status: n.status === 'draft' ? 'draft' : 'published' });
  };
  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await save.mutateAsync(v);
      else if (editing) await save.mutateAsync({ ...v, id: editing.id, version: editing.version });
      feedback().success(v.status === 'published' ? '已发布' : '已保存草稿');
      setEditing(null);
    } catch (e) {
      showError(e, form);
    }
  };
  const withdraw = async (n: NoticeItem) => {
    try {
      await save.mutateAsync({ id: n.id, version: n.version, title: n.title, body: n.body, audience: n.audience, status: 'withdrawn' });
      feedback().success('已撤回');
    } catch (e) {
      showError(e);
    }
  };

  return (
    <PageContainer
      title="公告与政策"
      description="向公众或指定角色发布通知公告、政策规范。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          发布
        </Button>
      }
    >
      <Section>
        <Space style={{ marginBottom: 12 }}>
          <Radio.Group
            value={query.type ?? ''}
            onChange={(e) => setQuery((q) => ({ ...q, page: 1, type: (e.target.value || undefined) as NoticeType | undefined }))}
            options={[{ value: '', label: '全部' }, { value: 'announcement', label: '公告通知' }, { value: 'policy', label: '政策规范' }]}
            optionType="button"
          />
        </Space>
        <Table<NoticeItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无公告' }}
          pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '类型', dataIndex: 'type', width: 100, render: (t: NoticeType) => NOTICE_TYPE_LABELS[t] },
            { title: '发布对象', dataIndex: 'audience', width: 220, render: (a: string[]) => a.map((x) => AUDIENCES.find((o) => o.value === x)?.label ?? x).join('、') },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: NoticeItem['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
            { title: '发布日期', dataIndex: 'publishedAt', width: 120, render: (v: string) => formatDate(v) },
            {
              title: '操作',
              key: 'ops',
              width: 140,
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => open(r)}>
                    编辑
                  </Button>
                  {r.status === 'published' && (
                    <Button type="link" size="small" danger onClick={() => void withdraw(r)}>
                      撤回
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <Modal title={editing === 'new' ? '发布公告' : '编辑公告'} open={editing !== null} onOk={submit} onCancel={() => setEditing(null)} confirmLoading={save.isPending} okText="保存" width={720} destroyOnHidden>
        <Form form={form} layout="vertical" scrollToFirstError={{ focus: true }}>
          <Form.Item name="type" label="类型" rules={[{ required: true }]}>
            <Radio.Group disabled={editing !== 'new'} options={[{ value: 'announcement', label: '公告通知' }, { value: 'policy', label: '政策规范' }]} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 2, message: '请填写标题' }]}>
            <Input maxLength={200} showCount />
          </Form.Item>
          <Form.Item name="audience" label="发布对象" rules={[{ required: true, message: '请选择发布对象' }]}>
            <Select mode="multiple" options={AUDIENCES} />
          </Form.Item>
          <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }, { min: 2, message: '请填写正文' }]}>
            <Input.TextArea rows={10} maxLength={20000} showCount />
          </Form.Item>
          <Form.Item name="status" label="发布方式">
            <Radio.Group options={[{ value: 'published', label: '立即发布' }, { value: 'draft', label: '存为草稿' }]} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
