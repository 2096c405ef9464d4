import { Form, Input, InputNumber, Select } from 'antd';
import { TITLE_LEVEL_LABELS } from '@zhicheng/contracts';
import { FilterBar } from '../../../components/FilterBar';

export interface FilterValues {
  year?: number;
  titleLevel?: string;
  keyword?: string;
  status?: string;
}

/** Filters shared by the audit lists: 年度, 职称级别, 姓名 (and a status when given). */
export function AuditFilters({ onSearch, statuses }: { onSearch: (v: FilterValues) => void; statuses?: { value: string; label: string }[] }) {
  return (
    <FilterBar<FilterValues> onSearch={(v) => onSearch({ ...v, keyword: v.keyword?.trim() || undefined, year: v.year || undefined })}>
      <Form.Item name="year" label="年度">
        <InputNumber min={2000} max={2100} placeholder="如 2026" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="titleLevel" label="职称级别">
        <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
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
