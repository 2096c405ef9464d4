import { Card, Empty } from 'antd';
import { PageContainer } from '../../../components/PageContainer';

/** Public notices (通知公告): the publishing side comes with a later module; until then the list is empty. */
export function NoticesPage() {
  return (
    <div className="public-page">
      <PageContainer title="通知公告" description="职称管理部门发布的评审通知、公示和政策文件。">
        <Card variant="borderless">
          <Empty description="暂无公告" style={{ padding: '48px 0' }} />
        </Card>
      </PageContainer>
    </div>
  );
}
