import { Alert, Descriptions, Tag } from 'antd';
import type { YearsCheck as YearsCheckResult } from '@zhicheng/contracts';

/** H-14: the qualifying-years computation — the applicant while choosing the method, and the auditors, see the same. */
export function YearsCheck({ years, allowedMethods }: { years: YearsCheckResult | null; allowedMethods?: string[] }) {
  if (!years) return <Alert type="info" showIcon message="资历年限：本批次未对该系列和级别设定资历年限要求" data-testid="years-check" />;
  const onlyExceptional = allowedMethods && allowedMethods.length === 1 && allowedMethods[0] === '破格';
  return (
    <Alert
      data-testid="years-check"
      type={years.satisfied ? 'success' : 'warning'}
      showIcon
      message={
        <span>
          资历年限：<Tag color={years.satisfied ? 'green' : 'red'} data-testid="years-result">{years.text}</Tag>
        </span>
      }
      description={
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="学历">{years.education ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="起算">{years.from ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="截至">{years.to}</Descriptions.Item>
            <Descriptions.Item label="已满">{years.countedMonths} 个月</Descriptions.Item>
            <Descriptions.Item label="要求">{years.requiredMonths} 个月</Descriptions.Item>
          </Descriptions>
          <div>规则：{years.ruleText}</div>
          {onlyExceptional && <div style={{ marginTop: 4 }}>资历年限不满足，只能选择“破格”申报方式，并选择破格条件。</div>}
          {allowedMethods && allowedMethods.length === 0 && <div style={{ marginTop: 4 }}>资历年限不满足，且本批次不受理破格申报。</div>}
        </>
      }
    />
  );
}
