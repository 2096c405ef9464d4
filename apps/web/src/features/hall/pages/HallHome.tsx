import { Alert, Button, Card, Descriptions, Empty, Space, Steps, Tag, Typography } from 'antd';
import { BellOutlined, FileAddOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { TITLE_LEVEL_LABELS, type ApplicantHome, type ApplicantProgress } from '@zhicheng/contracts';
import { api } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { ActionCards } from '../../../components/ActionCards';
import { PageContainer } from '../../../components/PageContainer';

/** U-13: where the applicant's current declaration waits, how long, the usual wait there and what to do next. */
function Progress({ p }: { p: ApplicantProgress }) {
  return (
    <Card
      variant="borderless"
      title="我的申报进度"
      data-testid="my-progress"
      extra={
        <Link to={`/hall/declarations/${p.declarationId}`}>
          <Button type={p.actionNeeded ? 'primary' : 'default'}>{p.actionNeeded ? '去处理' : '查看申报'}</Button>
        </Link>
      }
      style={{ marginBottom: 16 }}
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text strong>
          {p.batchName} · {p.titleName}（{TITLE_LEVEL_LABELS[p.titleLevel]}） <Tag>{p.statusLabel}</Tag>
        </Typography.Text>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="当前所在">{p.nodeName}</Descriptions.Item>
          <Descriptions.Item label="已等待">
            {p.waitedDays} 天（自 {formatDate(p.since)}）
          </Descriptions.Item>
          <Descriptions.Item label="该环节通常用时">
            {p.usualDays === null ? '暂无往期数据' : `约 ${p.usualDays} 天（${p.usualFrom}，${p.usualSample} 件的中位数）`}
          </Descriptions.Item>
        </Descriptions>
        <Alert type={p.actionNeeded ? 'warning' : 'info'} showIcon message={`下一步：${p.nextStep}`} />
        {p.path && (
          <Steps
            direction="vertical"
            size="small"
            current={p.path.findIndex((s) => s.state === 'current')}
            items={p.path.map((s) => ({ title: s.label, description: s.orgName }))}
          />
        )}
      </Space>
    </Card>
  );
}

/** Individual hall home: the current declaration's progress, who is signed in and what can be done now. */
export function HallHome() {
  const user = useCurrentUser();
  const home = useQuery({
    queryKey: ['my-declaration-home'],
    queryFn: () => api.get<ApplicantHome>('/dashboard/my-declaration'),
    refetchOnWindowFocus: true,
  });
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
      {home.data?.current && <Progress p={home.data.current} />}
      {home.data && !home.data.current && (
        <Card variant="borderless" style={{ marginBottom: 16 }} data-testid="my-progress">
          <Empty description="您还没有申报">
            <Link to="/hall/declare/review">
              <Button type="primary" icon={<FileAddOutlined />}>
                职称评审申报
              </Button>
            </Link>
          </Empty>
        </Card>
      )}
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
