import { Alert, Spin, Steps, Typography } from 'antd';
import { usePathPreview } from './api';

/** The path before submitting: every node with its organisation, or where it breaks and who must act. */
export function PathPreviewPanel({ declarationId }: { declarationId: string }) {
  const { data, isLoading } = usePathPreview(declarationId, true);
  if (isLoading || !data) return <Spin size="small" />;
  return (
    <div data-testid="path-preview">
      {data.ok ? (
        <Typography.Paragraph type="secondary">提交后将按以下路径逐级审核（以提交时的审核路径为准）：</Typography.Paragraph>
      ) : (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`审核路径在“${data.broken?.nodeName}”处中断，暂时无法提交`}
          description={
            <>
              <div>{data.broken?.reason}</div>
              <div>{data.broken?.whoMustAct}</div>
            </>
          }
          data-testid="path-broken"
        />
      )}
      <Steps size="small" orientation="vertical" className="path-steps" items={data.stages.map((s) => ({ title: s.label, description: s.orgName ?? undefined, status: 'wait' as const }))} />
      {data.supervisingDept && !data.supervisingDept.onPath && <Alert type="warning" showIcon message="主管部门说明" description={data.supervisingDept.explanation} data-testid="dept-explanation" />}
    </div>
  );
}
