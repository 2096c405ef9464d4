import { Alert, List, Typography } from 'antd';
import type { CorrectionNotice } from '@zhicheng/contracts';

/** A-34 一次性告知: every item to correct, the deadline and the resubmission cap, in the hall. */
export function CorrectionNoticeCard({ notice }: { notice: CorrectionNotice }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="correction-notice"
      message={
        <span>
          申报已被退回，请在 <Typography.Text strong data-testid="correction-deadline">{notice.deadline ?? '—'}</Typography.Text> 前（{notice.correctionDays}个工作日）一次性补正以下事项后重新提交，逾期未补正视为放弃申报
        </span>
      }
      description={
        <>
          <div>
            退回意见{notice.returnedByOrgName ? `（${notice.returnedByOrgName}）` : ''}：{notice.opinion}
          </div>
          {notice.items.length > 0 && (
            <List
              size="small"
              data-testid="correction-items"
              dataSource={notice.items}
              renderItem={(it, i) => (
                <List.Item>
                  {i + 1}. {it.moduleName}·{it.itemLabel}：{it.reason}
                </List.Item>
              )}
            />
          )}
          <div>
            重新提交后{notice.resubmitMode === 'direct' ? '将直接送回退回的审核环节（只修改退回事项时）' : '将从单位审核起逐级重新审核'}。
            {notice.maxResubmissions !== null && `本批次最多可重新提交${notice.maxResubmissions}次，已重新提交${notice.resubmitCount}次。`}
          </div>
        </>
      }
    />
  );
}
