import { Form, Input, InputNumber, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { TITLE_LEVEL_LABELS } from '@zhicheng/contracts';
import { FilterBar } from '../../../components/FilterBar';
import { api } from '../../../lib/api';
import { useSeries, type TitleItem } from '../../admin/api/reference';

export interface FilterValues {
  year?: number;
  titleLevel?: string;
  titleId?: string;
  keyword?: string;
  status?: string;
}

/** 职称系列 → 职称 (narrowed by the chosen 职称级别): only the title id goes to the API. */
function TitleFields() {
  const form = Form.useFormInstance();
  const seriesCode: string | undefined = Form.useWatch('seriesCode', form);
  const level: string | undefined = Form.useWatch('titleLevel', form);
  const series = useSeries();
  const titles = useQuery({
    queryKey: ['ref', 'titles', seriesCode ?? '', level ?? ''],
    queryFn: () => api.get<TitleItem[]>('/titles', { seriesCode, level }),
    enabled: !!seriesCode,
    staleTime: 300_000,
  });
  return (
    <>
      <Form.Item name="seriesCode" label="职称系列">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 150 }}
          loading={series.isLoading}
          options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
          onChange={() => form.setFieldValue('titleId', undefined)}
        />
      </Form.Item>
      <Form.Item name="titleId" label="职称">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          disabled={!seriesCode}
          placeholder={seriesCode ? '全部' : '请先选择系列'}
          style={{ width: 180 }}
          loading={titles.isFetching}
          options={(titles.data ?? []).map((t) => ({ value: t.id, label: `${t.name}（${TITLE_LEVEL_LABELS[t.level]}）` }))}
        />
      </Form.Item>
    </>
  );
}

/** Filters shared by the audit lists: 年度, 职称级别, 职称 (series → title), 姓名 (and a status when given). */
export function AuditFilters({ onSearch, statuses, initialValues }: { onSearch: (v: FilterValues) => void; statuses?: { value: string; label: string }[]; initialValues?: FilterValues }) {
  return (
    <FilterBar<FilterValues & { seriesCode?: string }>
      initialValues={initialValues}
      onSearch={({ seriesCode: _series, ...v }) =>
        onSearch({ ...v, keyword: v.keyword?.trim() || undefined, year: v.year || undefined, titleLevel: v.titleLevel || undefined, titleId: v.titleId || undefined })
      }
    >
      <Form.Item name="year" label="年度">
        <InputNumber min={2000} max={2100} placeholder="如 2026" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="titleLevel" label="职称级别">
        <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <TitleFields />
      {statuses && (
        <Form.Item name="status" label="审核状态">
          <Select allowClear placeholder="全部" style={{ width: 140 }} options={statuses} />
        </Form.Item>
      )}
      <Form.Item name="keyword" label="姓名">
        <Input allowClear placeholder="申报人姓名" style={{ width: 160 }} />
      </Form.Item>
    </FilterBar>
  );
}

export function pagination(q: { page: number; pageSize: number }, total: number | undefined, set: (p: { page: number; pageSize: number }) => void) {
  return {
    current: q.page,
    pageSize: q.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (t: number) => `共 ${t} 条`,
    onChange: (page: number, pageSize: number) => set({ page: pageSize !== q.pageSize ? 1 : page, pageSize }),
  };
}
