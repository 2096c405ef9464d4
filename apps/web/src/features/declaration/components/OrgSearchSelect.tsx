import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { declarationApi, type OrgChoice } from '../api';

/** Fuzzy search of a work unit or supervising department (type a part of the name, pick from the list). */
export function OrgSearchSelect({
  type,
  regionCode,
  value,
  onChange,
  placeholder,
  id,
}: {
  type: 'unit' | 'dept';
  regionCode?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder: string;
  id?: string;
}) {
  const [options, setOptions] = useState<OrgChoice[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const seq = useRef(0);

  const search = (keyword: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const rows = await declarationApi.searchOrgs(type, keyword.trim(), regionCode);
        if (mine === seq.current) setOptions(rows);
      } catch {
        if (mine === seq.current) setOptions([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 300);
  };

  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [type, regionCode]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={loading}
      notFoundContent={loading ? '搜索中…' : regionCode ? '未找到，请输入全称的一部分重新搜索' : '请先选择所属行政区划'}
      options={options.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}
