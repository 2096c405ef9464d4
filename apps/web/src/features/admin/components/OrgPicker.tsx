import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { ORG_TYPE_LABELS } from '@zhicheng/contracts';
import { useOrganisations } from '../api';

/** Organisation picker with fuzzy search on the server (`GET /api/organisations?keyword=`). */
export function OrgPicker({ value, onChange, placeholder = '输入机构名称或信用代码搜索', id }: { value?: string; onChange?: (v: string) => void; placeholder?: string; id?: string }) {
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(t);
  }, [input]);
  const { data, isFetching } = useOrganisations({ page: 1, pageSize: 20, keyword: keyword || undefined });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      notFoundContent={isFetching ? <Spin size="small" /> : '未找到匹配的机构'}
      options={(data?.items ?? []).map((o) => ({
        value: o.id,
        label: `${o.name}（${ORG_TYPE_LABELS[o.type]} · ${o.regionCode}）`,
      }))}
      allowClear
    />
  );
}
