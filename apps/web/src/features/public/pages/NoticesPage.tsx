import { PageContainer } from '../../../components/PageContainer';
import { NoticeList } from '../../notices/components/NoticeList';

/** P-03: public notices and policies (通知公告、政策规范). */
export function NoticesPage() {
  return (
    <div className="public-page">
      <PageContainer title="通知公告" description="职称管理部门发布的评审通知、公示和政策文件。">
        <NoticeList source="public" />
      </PageContainer>
    </div>
  );
}
