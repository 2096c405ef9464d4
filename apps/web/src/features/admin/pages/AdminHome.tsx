import { Card, Descriptions, Typography } from 'antd';
import { AuditOutlined, LockOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { ADMIN_LEVEL_LABELS, ROLE_LABELS } from '@zhicheng/contracts';
import { useCurrentUser } from '../../../lib/auth';
import { ActionCards } from '../../../components/ActionCards';
import { PageContainer } from '../../../components/PageContainer';

/** Title-office admin home: the office and the region it manages. */
export function AdminHome() {
  const user = useCurrentUser();
  const org = user.organisation;
  return (
    <PageContainer title="管理首页">
      <Card variant="borderless" className="welcome-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          您好，{user.realName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="所属机构">{org?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="管辖区域">
            {org ? `${org.regionCode}${org.level ? '（' + ADMIN_LEVEL_LABELS[org.level] + '）' : ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="角色">{ROLE_LABELS[user.role]}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ActionCards
        items={[
          { to: '/admin/users', title: '账号管理', description: '创建和查看辖区内各机构的业务账号', icon: <TeamOutlined /> },
          { to: '/admin/audit-logs', title: '操作日志', description: '查看辖区内的操作记录', icon: <AuditOutlined /> },
          { to: '/admin/profile', title: '个人信息', description: '查看账号信息，维护联系方式', icon: <UserOutlined /> },
          { to: '/admin/password', title: '修改密码', description: '定期修改密码，保障账号安全', icon: <LockOutlined /> },
        ]}
      />
    </PageContainer>
  );
}
