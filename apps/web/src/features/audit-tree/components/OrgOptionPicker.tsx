import { useEffect, useState, type CSSProperties } from 'react';
import { Select, Spin } from 'antd';
import { ORG_TYPE_LABELS } from '@zhicheng/contracts';
import { useOrgOptions } from '../api';

/** Fuzzy organisation search on one of the path pickers (`upper-options`, `lower-options`). */
export function OrgOptionPicker({
  url,
  value,
  onChange,
  placeholder = '输入机构名称搜索',
  id,
  style,
}: {
  url: string;
  value?: string;
  onChange?: (v: string) => void;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
}) {
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(t);
  }, [input]);
  const { data, isFetching } = useOrgOptions(url, keyword);
  return (
    <Select
      id={id}
      style={style}
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      notFoundContent={isFetching ? <Spin size="small" /> : '未找到匹配的机构'}
      options={(data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${ORG_TYPE_LABELS[o.type]} · ${o.regionCode}）` }))}
      allowClear
    />
  );
}
