import { TreeSelect } from 'antd';
import { useProfessionTree, type ProfessionNode } from '../api/reference';

interface TreeOpt {
  value: string;
  title: string;
  children: TreeOpt[];
}

const toTree = (nodes: ProfessionNode[]): TreeOpt[] =>
  nodes.map((n) => ({ value: n.code, title: `${n.name}（${n.code}）`, children: toTree(n.children) }));

/** A-01 profession picker over the whole tree; the value is the profession code. */
export function ProfessionSelect({
  value,
  onChange,
  multiple = false,
  id,
  placeholder = '请选择专业',
  style,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  id?: string;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  const { data } = useProfessionTree();
  return (
    <TreeSelect
      id={id}
      style={style ?? { width: '100%' }}
      value={value}
      onChange={onChange}
      multiple={multiple}
      treeData={toTree(data ?? [])}
      showSearch
      treeNodeFilterProp="title"
      placeholder={placeholder}
      allowClear
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
    />
  );
}
