import { Card, Descriptions, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ADMIN_LEVEL_LABELS, ORG_TYPE_LABELS, ROLE_LABELS } from '@zhicheng/contracts';
import { useCurrentUser } from '../../../lib/auth';
import { ActionCards } from '../../../components/ActionCards';
import { PageContainer } from '../../../components/PageContainer';

/** Back-office home: the organisation the user acts for and their role. */
export function OfficeHome() {
  const user = useCurrentUser();
  const org = user.organisation;
  return (
    <PageContainer title="工作台">
      <Card variant="borderless" className="welcome-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          您好，{user.realName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="所属机构">{org?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="机构类型">
            {org ? ORG_TYPE_LABELS[org.type] + (org.level ? ' · ' + ADMIN_LEVEL_LABELS[org.level] : '') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="角色">{ROLE_LABELS[user.role]}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ActionCards
        items={[
          { to: '/office/profile', title: '个人信息', description: '查看账号信息，维护联系方式', icon: <UserOutlined /> },
          { to: '/office/password', title: '修改密码', description: '定期修改密码，保障账号安全', icon: <LockOutlined /> },
        ]}
      />
    </PageContainer>
  );
}
