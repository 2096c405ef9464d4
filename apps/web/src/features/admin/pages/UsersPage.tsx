import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ASSIGNABLE_STAFF_ROLES,
  ORG_TYPE_LABELS,
  Permission,
  Role,
  ROLE_LABELS,
  roleFitsOrganisation,
  roleHasPermission,
  SEPARATED_ADMIN_ROLES,
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
import { useChangeUserRole, useCreateStaff, useSetUserStatus, useStaff, type StaffQuery } from '../api';
import { useCurrentUser } from '../../../lib/auth';
import { OrgPicker } from '../components/OrgPicker';

/** Filter: every back-office role; create / change: only the business roles (A-31: 三员 come from the command line). */
const FILTER_ROLE_OPTIONS = Object.values(Role)
  .filter((r) => r !== Role.Applicant)
  .map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const STAFF_ROLE_OPTIONS = ASSIGNABLE_STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** A-31 安全管理员: the business roles that fit the account's organisation. */
function ChangeRoleModal({ user, onClose }: { user: CurrentUser | null; onClose: () => void }) {
  const [form] = Form.useForm<{ role: Role }>();
  const change = useChangeUserRole();
  const { message } = App.useApp();
  const options = STAFF_ROLE_OPTIONS.filter((o) => !user?.organisation || roleFitsOrganisation(o.value, user.organisation.type));
  return (
    <Modal
      title={user ? `变更角色：${user.realName}（${user.username}）` : '变更角色'}
      open={!!user}
      onCancel={onClose}
      okText="确定变更"
      cancelText="取消"
      confirmLoading={change.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ role: user?.role }}
        onFinish={(v) =>
          user &&
          change.mutate(
            { id: user.id, role: v.role },
            {
              onSuccess: (u) => {
                message.success(`${u.username} 的角色已变更为${ROLE_LABELS[u.role]}，其登录已全部下线`);
                onClose();
              },
              onError: (e) => showError(e, form),
            },
          )
        }
      >
        <Form.Item name="role" label="新角色" rules={[{ required: true, message: '请选择角色' }]} extra="变更后该账号的所有登录立即失效。">
          <Select options={options} placeholder="请选择" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

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

/**
 * Back-office accounts of the organisations in the admin's region, paged on the server. A-31: the 系统管理员 creates,
 * disables and re-enables them; the 安全管理员 changes their roles; neither acts on 三员 accounts or their own.
 */
export function UsersPage() {
  const me = useCurrentUser();
  const canManage = roleHasPermission(me.role, Permission.AccountsManage);
  const canAssign = roleHasPermission(me.role, Permission.RolesAssign);
  const [query, setQuery] = useState<StaffQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [reRoling, setReRoling] = useState<CurrentUser | null>(null);
  const { data, isFetching } = useStaff(query);
  const setStatus = useSetUserStatus();
  const { message, modal } = App.useApp();
  const confirmToggle = (u: CurrentUser) =>
    modal.confirm({
      title: u.status === 'active' ? `停用 ${u.username}？` : `启用 ${u.username}？`,
      content: u.status === 'active' ? '停用后该账号的登录立即全部失效，且不能再登录。' : '启用后该账号可以重新登录。',
      okText: '确定',
      cancelText: '取消',
      onOk: () => toggle(u),
    });
  const actionable = (u: CurrentUser) => u.id !== me.id && !SEPARATED_ADMIN_ROLES.includes(u.role);
  const toggle = (u: CurrentUser) =>
    setStatus.mutate(
      { id: u.id, status: u.status === 'active' ? 'disabled' : 'active' },
      {
        onSuccess: (r) => {
          message.success(r.status === 'active' ? `${r.username} 已启用` : `${r.username} 已停用，其登录已全部下线`);
        },
        onError: (e) => showError(e),
      },
    );
  return (
    <PageContainer
      title="账号管理"
      description={canManage ? '管理辖区内各机构的业务账号：新建、停用与启用。' : '为辖区内各机构的业务账号分配角色。'}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建账号
          </Button>
        ) : null
      }
    >
      <FilterBar<{ keyword?: string; role?: Role }>
        onSearch={(v) => setQuery((q) => ({ ...q, page: 1, keyword: v.keyword?.trim() || undefined, role: v.role || undefined }))}
      >
        <Form.Item name="keyword" label="关键词">
          <Input placeholder="用户名或姓名" allowClear />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select options={FILTER_ROLE_OPTIONS} placeholder="全部" allowClear style={{ width: 180 }} />
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
            {
              title: '双因素认证',
              dataIndex: 'mfaEnabled',
              render: (v: boolean) => (v ? <Tag color="green">已开启</Tag> : <Tag>未开启</Tag>),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v: CurrentUser['status']) => (v === 'active' ? <Tag color="green">启用</Tag> : <Tag color="red">停用</Tag>),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, u) =>
                actionable(u) ? (
                  <Space size={4}>
                    {canManage && (
                      <Button type="link" size="small" danger={u.status === 'active'} onClick={() => confirmToggle(u)}>
                        {u.status === 'active' ? '停用' : '启用'}
                      </Button>
                    )}
                    {canAssign && (
                      <Button type="link" size="small" onClick={() => setReRoling(u)}>
                        变更角色
                      </Button>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Section>
      {canManage && <CreateStaffModal open={creating} onClose={() => setCreating(false)} />}
      {canAssign && <ChangeRoleModal user={reRoling} onClose={() => setReRoling(null)} />}
    </PageContainer>
  );
}
