import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router';
import { ADMIN_LEVEL_LABELS, ORG_TYPE_LABELS, Role, ROLE_LABELS } from '@zhicheng/contracts';
import { useMyUnitPermission } from '../../unit-permission/UnitPermissionPage';
import { useCurrentUser } from '../../../lib/auth';
import { WorkbenchPanel } from '../../workbench/WorkbenchPanel';
import { PageContainer } from '../../../components/PageContainer';

/** Back-office home: the organisation the user acts for and their role. */
export function OfficeHome() {
  const user = useCurrentUser();
  const org = user.organisation;
  const isUnit = user.role === Role.UnitOperator;
  const { data: perm } = useMyUnitPermission(isUnit);
  const latest = perm?.applications[0];
  return (
    <PageContainer title="工作台">
      {isUnit && perm && !perm.permitted && (
        <Alert
          type="warning"
          showIcon
          className="permission-banner"
          message="本单位尚未取得职称工作权限"
          description={
            latest?.status === 'pending'
              ? '权限申请正在审核中，审核通过后即可开展职称工作。'
              : latest?.status === 'rejected'
                ? `权限申请被退回：${latest.opinion ?? ''}。请修改后重新提交。`
                : '开展职称工作前，请先提交单位权限申请。'
          }
          action={
            <Link to="/office/permission">
              <Button type="primary" size="small">
                {latest?.status === 'rejected' ? '修改并重新提交' : latest?.status === 'pending' ? '查看申请' : '去申请'}
              </Button>
            </Link>
          }
        />
      )}
      {isUnit && perm?.permitted && <Alert type="success" showIcon className="permission-banner" message="本单位已取得职称工作权限，可以开展职称工作。" />}
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
      <WorkbenchPanel />
    </PageContainer>
  );
}
