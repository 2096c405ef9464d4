import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import type { RegionDto } from '@zhicheng/contracts';
import { api } from '../lib/api';

interface Opt {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Opt[];
  loading?: boolean;
}

const toOpt = (r: RegionDto, leafLevel: number, depth: number): Opt => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren || depth >= leafLevel });

function insert(opts: Opt[], code: string, children: Opt[]): Opt[] {
  return opts.map((o) => (o.value === code ? { ...o, children } : o.children ? { ...o, children: insert(o.children, code, children) } : o));
}

/**
 * Province → city → county picker over `GET /api/regions?parent=`; the value is the chosen 6-digit code.
 * `anyLevel` lets the user stop at a province or city (for filters and offices); otherwise a county (or a city
 * without counties) must be chosen.
 */
export function RegionCascader({
  value,
  onChange,
  anyLevel = false,
  placeholder = '请选择省 / 市 / 区县',
  id,
  style,
  maxDepth = 3,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  anyLevel?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
  maxDepth?: number;
}) {
  const [options, setOptions] = useState<Opt[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let alive = true;
    void (async () => {
      const provinces = await api.get<RegionDto[]>('/regions');
      let opts = provinces.map((r) => toOpt(r, maxDepth, 1));
      let p: string[] = [];
      if (value) {
        const chain = await api.get<RegionDto[]>(`/regions/${value}/path`).catch(() => [] as RegionDto[]);
        p = chain.map((r) => r.code);
        for (let i = 0; i < p.length - 1; i++) {
          const kids = await api.get<RegionDto[]>('/regions', { parent: p[i] });
          opts = insert(opts, p[i]!, kids.map((r) => toOpt(r, maxDepth, i + 2)));
        }
      }
      if (alive) {
        setOptions(opts);
        setPath(p);
      }
    })();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the initial value only; later changes come from the cascader itself
  }, []);

  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  const loadData = async (selected: Opt[]) => {
    const target = selected[selected.length - 1]!;
    const kids = await api.get<RegionDto[]>('/regions', { parent: target.value });
    setOptions((o) => insert(o, target.value, kids.map((r) => toOpt(r, maxDepth, selected.length + 1))));
  };

  return (
    <Cascader<Opt>
      id={id}
      style={style ?? { width: '100%' }}
      options={options}
      loadData={(s) => void loadData(s as Opt[])}
      changeOnSelect={anyLevel}
      value={path}
      placeholder={placeholder}
      allowClear
      showSearch={false}
      onChange={(v) => {
        const arr = (v ?? []) as string[];
        setPath(arr);
        onChange?.(arr.length ? arr[arr.length - 1] : undefined);
      }}
    />
  );
}
