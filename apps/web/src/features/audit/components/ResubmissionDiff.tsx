import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { FieldChange, ModuleDiff, ModuleRow, ResubmissionView } from '@zhicheng/contracts';
import { openStoredFile, showError } from '../../../lib/api';

function openFile(id: string) {
  openStoredFile(id).catch(showError);
}

// Yes/no values in words (是/否), never a raw true/false.
const word = (v: unknown) => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : word(v));

function rowText(r: ModuleRow) {
  return Object.entries(r)
    .filter(([k, v]) => !k.startsWith('_') && v !== null && v !== '')
    .map(([, v]) => word(v))
    .join('，');
}

function FieldsTable({ fields, failed }: { fields: FieldChange[]; failed: (field: string) => boolean }) {
  return (
    <Table<FieldChange>
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={fields}
      columns={[
        { title: '项目', key: 'label', render: (_, f) => <Space>{f.label}{failed(f.field) && <Tag color="red">退回事项</Tag>}</Space> },
        { title: '修改前', key: 'old', render: (_, f) => <Typography.Text delete type="secondary">{show(f.old)}</Typography.Text> },
        { title: '修改后', key: 'new', render: (_, f) => <Typography.Text strong>{show(f.new)}</Typography.Text> },
      ]}
    />
  );
}

function ModuleChanges({ m, names }: { m: ModuleDiff; names: ResubmissionView['files'] }) {
  const failed = (path: string) => m.failedPaths.includes(path) || m.failedPaths.includes('_');
  return (
    <Card
      size="small"
      data-testid={`diff-${m.moduleKey}`}
      className="diff-module"
      title={
        <Space>
          {m.moduleName}
          {m.failed ? <Tag color="red">含退回事项</Tag> : <Tag color="orange">未要求修改的模块</Tag>}
        </Space>
      }
      style={m.failed ? { borderColor: '#ff4d4f' } : undefined}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {m.fields.length > 0 && <FieldsTable fields={m.fields} failed={failed} />}
        {m.changedRows.map((r) => (
          <div key={`c${r.oldIndex}`}>
            <Typography.Text>第{r.newIndex + 1}行修改{failed(String(r.oldIndex)) && <Tag color="red" style={{ marginLeft: 8 }}>退回事项</Tag>}</Typography.Text>
            <FieldsTable fields={r.fields} failed={() => failed(String(r.oldIndex))} />
          </div>
        ))}
        {m.addedRows.map((r) => (
          <Typography.Text key={`a${r.index}`} data-testid="diff-added-row">
            <Tag color="green">新增行</Tag>第{r.index + 1}行：{rowText(r.row)}
          </Typography.Text>
        ))}
        {m.removedRows.map((r) => (
          <Typography.Text key={`r${r.index}`} data-testid="diff-removed-row">
            <Tag color="volcano">删除行</Tag>原第{r.index + 1}行：<Typography.Text delete>{rowText(r.row)}</Typography.Text>
          </Typography.Text>
        ))}
        {m.files.map((f) => (
          <Space key={`${f.slot}${f.row ?? ''}`} wrap data-testid="diff-file">
            <Tag color="blue">更换附件</Tag>
            {f.label}
            {f.row !== null ? `（第${f.row + 1}行）` : ''}
            {failed(`_files.${f.slot}`) && <Tag color="red">退回事项</Tag>}
            ：原
            {f.oldFileIds.length ? f.oldFileIds.map((id) => <Button key={id} size="small" type="link" onClick={() => openFile(id)}>{names[id]?.name ?? '原附件'}</Button>) : '（无）'}
            → 新
            {f.newFileIds.length ? f.newFileIds.map((id) => <Button key={id} size="small" type="link" onClick={() => openFile(id)}>{names[id]?.name ?? '新附件'}</Button>) : '（无）'}
          </Space>
        ))}
      </Space>
    </Card>
  );
}

/** U-14: the returning node sees what changed since its return, the items it failed highlighted. */
export function ResubmissionDiff({ view }: { view: ResubmissionView }) {
  return (
    <Card title="重新提交的修改内容" size="small" data-testid="resubmission-diff" extra={view.routeLabel && <Tag color={view.route === 'direct' ? 'green' : 'orange'}>{view.routeLabel}</Tag>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message={`本环节退回意见：${view.opinion}`}
          description={view.items.length ? `退回事项：${view.items.map((i) => `${i.moduleName}·${i.itemLabel}（${i.reason}）`).join('；')}` : undefined}
        />
        {view.diff.length ? view.diff.map((m) => <ModuleChanges key={m.moduleKey} m={m} names={view.files} />) : <Typography.Text type="secondary">申报人未修改任何内容。</Typography.Text>}
      </Space>
    </Card>
  );
}
