import { Card, Descriptions, Typography } from 'antd';
import { ADMIN_LEVEL_LABELS, ROLE_LABELS } from '@zhicheng/contracts';
import { useCurrentUser } from '../../../lib/auth';
import { WorkbenchPanel } from '../../workbench/WorkbenchPanel';
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
      <WorkbenchPanel />
    </PageContainer>
  );
}
