import { Descriptions, Drawer, Form, Input, InputNumber, Select, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { QUOTA_STATUS_LABELS, TITLE_LEVEL_LABELS, type QuotaItem, type QuotaStatus } from '@zhicheng/contracts';
import { FilterBar } from '../../components/FilterBar';
import { formatDateTime } from '../../lib/format';
import { useSeries } from '../admin/api/reference';
import { useQuota } from './api';

export const STATUS_COLORS: Record<QuotaStatus, string> = { submitted: 'blue', returned: 'red', passed: 'green' };
export const LEVEL_OPTIONS = Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const STATUS_OPTIONS = Object.entries(QUOTA_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export function SeriesSelect(props: { style?: React.CSSProperties; placeholder?: string; allowClear?: boolean }) {
  const series = useSeries();
  return <Select {...props} loading={series.isLoading} options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))} />;
}

export interface QuotaFilterValues {
  year?: number;
  seriesCode?: string;
  titleLevel?: string;
  status?: string;
  keyword?: string;
}

/** 年度 / 职称系列 / 职称级别 / 审核状态 (/ 单位名称). */
export function QuotaFilters({ onSearch, withUnit, initialValues }: { onSearch: (v: QuotaFilterValues) => void; withUnit?: boolean; initialValues?: QuotaFilterValues }) {
  return (
    <FilterBar<QuotaFilterValues>
      initialValues={initialValues}
      onSearch={(v) => onSearch({ year: v.year || undefined, seriesCode: v.seriesCode || undefined, titleLevel: v.titleLevel || undefined, status: v.status || undefined, keyword: v.keyword?.trim() || undefined })}
    >
      <Form.Item name="year" label="年度">
        <InputNumber min={2000} max={2100} placeholder="如 2026" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="seriesCode" label="职称系列">
        <SeriesSelect allowClear placeholder="全部" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="titleLevel" label="职称级别">
        <Select allowClear placeholder="全部" style={{ width: 120 }} options={LEVEL_OPTIONS} />
      </Form.Item>
      <Form.Item name="status" label="审核状态">
        <Select allowClear placeholder="全部" style={{ width: 170 }} options={STATUS_OPTIONS} />
      </Form.Item>
      {withUnit && (
        <Form.Item name="keyword" label="单位名称">
          <Input allowClear placeholder="单位名称关键字" style={{ width: 180 }} />
        </Form.Item>
      )}
    </FilterBar>
  );
}

export function quotaColumns(opts: { unit?: boolean; supervisor?: boolean }): ColumnsType<QuotaItem> {
  return [
    { title: '年度', dataIndex: 'year', width: 70 },
    ...(opts.unit ? [{ title: '单位名称', dataIndex: 'unitName', ellipsis: true } as const] : []),
    { title: '职称系列', dataIndex: 'seriesName', width: 120 },
    { title: '职称级别', dataIndex: 'titleLevel', width: 90, render: (l: keyof typeof TITLE_LEVEL_LABELS) => TITLE_LEVEL_LABELS[l] },
    { title: '岗位总数', dataIndex: 'postTotal', width: 90 },
    { title: '已聘数', dataIndex: 'employedCount', width: 80 },
    { title: '空缺数', dataIndex: 'vacancy', width: 80 },
    { title: '申报职数', dataIndex: 'requestedCount', width: 90 },
    ...(opts.supervisor ? [{ title: '审核部门', dataIndex: 'supervisorName', ellipsis: true } as const] : []),
    { title: '审核状态', dataIndex: 'status', width: 150, render: (s: QuotaStatus) => <Tag color={STATUS_COLORS[s]}>{QUOTA_STATUS_LABELS[s]}</Tag> },
    { title: '提交时间', dataIndex: 'submittedAt', width: 160, render: (d: string) => formatDateTime(d) },
  ];
}

/** 详情: every field, the audit opinion and the history (submit, return, resubmit, pass). */
export function QuotaDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { data } = useQuota(id);
  return (
    <Drawer title="职数申报详情" open={id !== null} onClose={onClose} width={640} destroyOnHidden>
      {data && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="单位名称" span={2}>{data.unitName}</Descriptions.Item>
            <Descriptions.Item label="年度">{data.year}</Descriptions.Item>
            <Descriptions.Item label="职称系列">{data.seriesName}</Descriptions.Item>
            <Descriptions.Item label="职称级别">{TITLE_LEVEL_LABELS[data.titleLevel]}</Descriptions.Item>
            <Descriptions.Item label="岗位总数">{data.postTotal}</Descriptions.Item>
            <Descriptions.Item label="已聘数">{data.employedCount}</Descriptions.Item>
            <Descriptions.Item label="空缺数">{data.vacancy}</Descriptions.Item>
            <Descriptions.Item label="申报职数">{data.requestedCount}</Descriptions.Item>
            <Descriptions.Item label="审核部门">{data.supervisorName}</Descriptions.Item>
            <Descriptions.Item label="说明" span={2}>{data.remark || '—'}</Descriptions.Item>
            <Descriptions.Item label="审核状态">
              <Tag color={STATUS_COLORS[data.status]}>{QUOTA_STATUS_LABELS[data.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="审核意见">{data.auditOpinion ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            审核记录
          </Typography.Title>
          <Timeline
            items={data.history.map((h) => ({
              color: h.action === 'quota.return' ? 'red' : h.action === 'quota.pass' ? 'green' : 'blue',
              children: (
                <>
                  <div>
                    <b>{h.actionLabel}</b> · {h.organisationName ?? ''} {h.actorName ?? ''}
                  </div>
                  {h.opinion && <div>意见：{h.opinion}</div>}
                  <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
