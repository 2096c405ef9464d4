import { Form, Select } from 'antd';
import { KIND_OPTIONS, LEVEL_OPTIONS } from './labels';
import { useSeries } from '../api';

/** The scope of a path (申报类型, 职称系列, 职称等级) as form items. */
export function ScopeFields({ filter = false }: { filter?: boolean }) {
  const series = useSeries();
  const rules = (message: string) => (filter ? [] : [{ required: true, message }]);
  const style = filter ? { width: 160 } : undefined;
  return (
    <>
      <Form.Item name="kind" label="申报类型" rules={rules('请选择申报类型')}>
        <Select options={KIND_OPTIONS} placeholder={filter ? '全部' : '请选择'} allowClear={filter} style={style} />
      </Form.Item>
      <Form.Item name="seriesCode" label="职称系列" rules={rules('请选择职称系列')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={series.isLoading}
          options={(series.data ?? []).map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))}
          placeholder={filter ? '全部' : '请选择'}
          allowClear={filter}
          style={filter ? { width: 220 } : undefined}
        />
      </Form.Item>
      <Form.Item name="titleLevel" label="职称等级" rules={rules('请选择职称等级')}>
        <Select options={LEVEL_OPTIONS} placeholder={filter ? '全部' : '请选择'} allowClear={filter} style={style} />
      </Form.Item>
    </>
  );
}

/** "评审 · 工程技术 · 副高级" for a table cell. */
export function useSeriesName(): (code: string) => string {
  const series = useSeries();
  return (code) => series.data?.find((s) => s.code === code)?.name ?? code;
}
