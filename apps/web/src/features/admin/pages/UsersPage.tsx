import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ORG_TYPE_LABELS,
  Role,
  ROLE_LABELS,
  validateEmail,
  validateMobile,
  validatePassword,
  validateUsername,
  type CreateStaffRequest,
  type CurrentUser,
} from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useCreateStaff, useStaff, type StaffQuery } from '../api';
import { OrgPicker } from '../components/OrgPicker';

const STAFF_ROLE_OPTIONS = Object.values(Role)
  .filter((r) => r !== Role.Applicant)
  .map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function CreateStaffModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateStaffRequest>();
  const create = useCreateStaff();
  const { message } = App.useApp();
  const submit = (v: CreateStaffRequest) =>
    create.mutate(
      { ...v, username: v.username.trim(), realName: v.realName.trim(), mobile: v.mobile.trim(), email: v.email?.trim() || undefined },
      {
        onSuccess: (u) => {
          message.success(`账号 ${u.username} 已创建`);
          form.resetFields();
          onClose();
        },
        onError: (e) => showError(e, form),
      },
    );
  return (
    <Modal
      title="新建账号"
      open={open}
      onCancel={onClose}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError={{ focus: true }} preserve={false}>
        <Form.Item name="organisationId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
          <OrgPicker />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={STAFF_ROLE_OPTIONS} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="username" label="用户名" rules={[required('请输入用户名'), ruleFrom(validateUsername)]}>
          <Input placeholder="4至32位字母、数字或下划线" autoComplete="off" />
        </Form.Item>
        <Form.Item name="realName" label="姓名" rules={[required('请输入姓名'), { max: 32, message: '姓名不能超过32个字符' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="mobile" label="手机号码" rules={[required('请输入手机号码'), ruleFrom(validateMobile)]}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱" rules={[ruleFrom(validateEmail, { optional: true })]}>
          <Input placeholder="选填" />
        </Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请输入初始密码' }, ruleFrom(validatePassword)]}>
          <Input.Password autoComplete="new-password" placeholder="至少8位，含大写、小写、数字、符号中的三种" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Back-office accounts of the organisations in the admin's region, paged on the server. */
export function UsersPage() {
  const [query, setQuery] = useState<StaffQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const { data, isFetching } = useStaff(query);
  return (
    <PageContainer
      title="账号管理"
      description="管理辖区内各机构的业务账号。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建账号
        </Button>
      }
    >
      <FilterBar<{ keyword?: string; role?: Role }> onSearch={(v) => setQuery((q) => ({ ...q, page: 1, keyword: v.keyword?.trim() || undefined, role: v.role || undefined }))}>
        <Form.Item name="keyword" label="关键词">
          <Input placeholder="用户名或姓名" allowClear />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select options={STAFF_ROLE_OPTIONS} placeholder="全部" allowClear style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<CurrentUser>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无账号' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'realName' },
            { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag color="blue">{ROLE_LABELS[r]}</Tag> },
            {
              title: '所属机构',
              key: 'org',
              render: (_: unknown, u) => (u.organisation ? `${u.organisation.name}（${ORG_TYPE_LABELS[u.organisation.type]}）` : '—'),
            },
            { title: '手机号码', dataIndex: 'mobile' },
            { title: '双因素认证', dataIndex: 'mfaEnabled', render: (v: boolean) => (v ? <Tag color="green">已开启</Tag> : <Tag>未开启</Tag>) },
          ]}
        />
      </Section>
      <CreateStaffModal open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
