import { Table, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { Permission, PERMISSION_LABELS, PERMISSION_ROLES, Role, ROLE_LABELS, SEPARATED_ADMIN_ROLES } from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';

const ROLES = Object.values(Role);
const rows = (Object.values(Permission) as Permission[]).map((p) => ({ key: p, label: PERMISSION_LABELS[p], roles: PERMISSION_ROLES[p] }));

/** A-31 安全管理员: which role holds which permission (the one map both the API and the consoles enforce). */
export function PermissionMatrixPage() {
  return (
    <PageContainer
      title="角色权限"
      description="各角色所拥有的权限。权限由系统统一定义，接口与页面均按此执行；系统管理员、安全管理员、审计管理员三员分立，互不兼任。"
    >
      <Section>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={[
            {
              title: '权限',
              dataIndex: 'label',
              fixed: 'left',
              render: (l: string, r) => <Typography.Text title={r.key}>{l}</Typography.Text>,
            },
            ...ROLES.map((role) => ({
              title: SEPARATED_ADMIN_ROLES.includes(role) ? <Tag color="purple">{ROLE_LABELS[role]}</Tag> : ROLE_LABELS[role],
              key: role,
              align: 'center' as const,
              render: (_: unknown, r: (typeof rows)[number]) =>
                r.roles.includes(role) ? <CheckOutlined aria-label="有" style={{ color: '#389e0d' }} /> : null,
            })),
          ]}
        />
      </Section>
    </PageContainer>
  );
}
