import { Card, Descriptions, List, Typography } from 'antd';
import { Link } from 'react-router';
import { ADMIN_LEVEL_LABELS, Permission, Role, ROLE_LABELS, roleHasPermission } from '@zhicheng/contracts';
import { useCurrentUser } from '../../../lib/auth';
import { WorkbenchPanel } from '../../workbench/WorkbenchPanel';
import { PageContainer } from '../../../components/PageContainer';

/** 三员分立: what each separated administrator does here, with the way in. */
const SEPARATED_DUTIES: Partial<Record<Role, { title: string; to: string; hint: string }[]>> = {
  system_admin: [
    { title: '账号管理', to: '/admin/users', hint: '新建辖区内各机构的业务账号，停用或启用账号' },
    { title: '后台任务', to: '/admin/jobs', hint: '查看与重试后台任务' },
    { title: '消息投递', to: '/admin/messages', hint: '短信与邮件的投递状态和失败重发' },
  ],
  security_admin: [
    { title: '账号管理', to: '/admin/users', hint: '为业务账号分配角色' },
    { title: '安全策略', to: '/admin/security-policy', hint: '登录失败锁定与会话超时' },
    { title: '角色权限', to: '/admin/permissions', hint: '各角色拥有的权限' },
  ],
  audit_admin: [{ title: '操作日志', to: '/admin/audit-logs', hint: '查阅、导出辖区内全部操作日志，校验其完整性' }],
};

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
      {roleHasPermission(user.role, Permission.WorkbenchRead) ? (
        <WorkbenchPanel />
      ) : (
        <Card variant="borderless" title="我的职责" style={{ marginTop: 16 }}>
          <List
            dataSource={SEPARATED_DUTIES[user.role] ?? []}
            renderItem={(d) => (
              <List.Item>
                <List.Item.Meta title={<Link to={d.to}>{d.title}</Link>} description={d.hint} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </PageContainer>
  );
}
