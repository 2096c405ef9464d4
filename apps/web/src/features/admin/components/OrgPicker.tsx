import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { ORG_TYPE_LABELS, type OrgType } from '@zhicheng/contracts';
import { useOrganisations } from '../api';

/**
 * Organisation picker with fuzzy search on the server (`GET /api/organisations?keyword=&type=`), by name or
 * credit code. `multiple` for lists such as a committee's founding units.
 */
export function OrgPicker({
  value,
  onChange,
  placeholder = '输入机构名称或信用代码搜索',
  id,
  type,
  multiple = false,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  placeholder?: string;
  id?: string;
  type?: OrgType;
  multiple?: boolean;
}) {
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  const [known, setKnown] = useState<Record<string, string>>({});
  useEffect(() => {
    const t = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(t);
  }, [input]);
  const { data, isFetching } = useOrganisations({ page: 1, pageSize: 20, keyword: keyword || undefined, type, status: 'active' });
  const options = (data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${ORG_TYPE_LABELS[o.type]}${o.creditCode ? ' · ' + o.creditCode : ''}）` }));
  // keep labels of chosen values that scrolled out of the current search
  const selected = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: known[v] ?? v }));
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value}
      onChange={(v, opt) => {
        const list = (Array.isArray(opt) ? opt : opt ? [opt] : []) as { value: string; label: string }[];
        setKnown((k) => ({ ...k, ...Object.fromEntries(list.map((o) => [o.value, o.label])) }));
        onChange?.(v);
      }}
      placeholder={placeholder}
      notFoundContent={isFetching ? <Spin size="small" /> : '未找到匹配的机构'}
      options={[...selected, ...options]}
      allowClear
    />
  );
}
