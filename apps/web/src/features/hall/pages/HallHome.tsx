import { Card, Descriptions, Typography } from 'antd';
import { BellOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../../lib/auth';
import { ActionCards } from '../../../components/ActionCards';
import { PageContainer } from '../../../components/PageContainer';

/** Individual hall home: who is signed in and what can be done now. */
export function HallHome() {
  const user = useCurrentUser();
  return (
    <PageContainer title="个人网厅">
      <Card variant="borderless" className="welcome-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          您好，{user.realName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="身份证号">{user.idCard}</Descriptions.Item>
          <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
          <Descriptions.Item label="手机号码">{user.mobile || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ActionCards
        items={[
          { to: '/hall/profile', title: '个人信息', description: '查看基本信息，维护联系方式', icon: <UserOutlined /> },
          { to: '/hall/password', title: '修改密码', description: '定期修改密码，保障账号安全', icon: <LockOutlined /> },
          { to: '/hall/messages', title: '消息中心', description: '查看审核结果等系统通知', icon: <BellOutlined /> },
        ]}
      />
    </PageContainer>
  );
}
