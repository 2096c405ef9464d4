import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { CloudDownloadOutlined, DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  charCount,
  validateModuleValue,
  type AttachmentSlot,
  type FieldDef,
  type ModuleDef,
  type ModuleRow,
  type ModuleValue,
} from '@zhicheng/contracts';
import { AttachmentSlotField, type FileMeta } from './AttachmentSlotField';
import { chinaToday } from '../../../lib/format';

type Path = (string | number)[];

/** `2.diplomaNo` → ['rows', 2, 'diplomaNo'] for tables, `_files.idCardFront` → ['_files', 'idCardFront'] for forms. */
export function formPath(def: ModuleDef, key: string): Path {
  const parts = key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return def.kind === 'table' ? ['rows', ...parts] : parts;
}

/** Whether a message path names a field or slot the editor shows (else it is shown above the module). */
function isFieldPath(def: ModuleDef, key: string, rowCount: number): boolean {
  const parts = key.split('.');
  let rest = parts;
  if (def.kind === 'table') {
    if (!/^\d+$/.test(parts[0] ?? '') || Number(parts[0]) >= rowCount) return false;
    rest = parts.slice(1);
  }
  if (rest.length === 1) return def.fields.some((f) => f.key === rest[0]);
  if (rest.length === 2 && rest[0] === '_files') return def.attachments.some((a) => a.key === rest[1]);
  return false;
}

function cleanRecord(rec: ModuleRow | undefined): ModuleRow {
  const out: ModuleRow = {};
  for (const [k, v] of Object.entries(rec ?? {})) {
    if (v === undefined || v === null) continue;
    if (k === '_files') {
      const files: Record<string, string | string[]> = {};
      for (const [s, f] of Object.entries(v as Record<string, unknown>)) {
        if (typeof f === 'string' || (Array.isArray(f) && f.length > 0)) files[s] = f as string | string[];
      }
      if (Object.keys(files).length) out._files = files;
      continue;
    }
    out[k] = v;
  }
  return out;
}

/** The module value held by an editor's form, in the shape the API stores. */
export function readModuleValue(def: ModuleDef, form: FormInstance): ModuleValue {
  const all = form.getFieldsValue(true) as { rows?: ModuleRow[] } & ModuleRow;
  if (def.kind === 'table') return (all.rows ?? []).map((r) => cleanRecord(r));
  return cleanRecord(all);
}

function toFormValues(def: ModuleDef, value: ModuleValue | undefined): Record<string, unknown> {
  if (def.kind === 'table') return { rows: Array.isArray(value) ? value : [] };
  return (Array.isArray(value) ? {} : value) ?? {};
}

function fieldInput(f: FieldDef, disabled: boolean): ReactNode {
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} disabled={disabled} placeholder={f.placeholder ?? `请输入${f.label}`} />;
    case 'date':
      // No date in a declaration may be later than today (China's calendar, as the shared validation says).
      return <DatePicker style={{ width: '100%' }} disabled={disabled} placeholder={f.placeholder ?? '请选择日期'} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />;
    case 'select':
      return <Select disabled={disabled} placeholder="请选择" allowClear options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'int':
    case 'year':
      return <InputNumber style={{ width: '100%' }} disabled={disabled} precision={0} placeholder={f.placeholder ?? (f.type === 'year' ? '如 2025' : '')} />;
    case 'boolean':
      return <Checkbox disabled={disabled}>{f.label}</Checkbox>;
    default:
      return <Input disabled={disabled} placeholder={f.placeholder ?? `请输入${f.label}`} />;
  }
}

function valueProps(f: FieldDef) {
  if (f.type === 'date') {
    return {
      getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
      normalize: (d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
    };
  }
  if (f.type === 'boolean') return { valuePropName: 'checked' };
  if (f.type === 'int' || f.type === 'year') return { normalize: (v: number | null) => (v === null ? undefined : v) };
  return {};
}

function colSpan(f: FieldDef): { xs: number; md: number; xl: number } {
  if (f.type === 'textarea') return { xs: 24, md: 24, xl: 24 };
  if (f.maxLength && f.maxLength >= 150) return { xs: 24, md: 24, xl: 16 };
  return { xs: 24, md: 12, xl: 8 };
}

interface EditorProps {
  def: ModuleDef;
  value: ModuleValue | undefined;
  readOnly: boolean;
  files: Record<string, FileMeta>;
  onUploaded: (f: FileMeta) => void;
  onChange: (value: ModuleValue) => void;
  /** Messages to show, keyed by path inside the module (from the validator or the server). */
  errors: Record<string, string>;
  /** Auditors' failures for this module (red). */
  failures: Record<string, string>;
  /** Changes when the page wants the first error scrolled to and focused. */
  focusToken: number;
  /** Education only: the 自动获取 action. */
  onFetchEducation?: () => Promise<ModuleRow[] | null>;
  fetching?: boolean;
}

/**
 * The generic module renderer (H-04): renders any catalogue module — form, table (row cards with add and
 * delete), text (with a live character counter) or upload — and validates with the shared
 * `validateModuleValue`, so the messages match the server's.
 */
export function ModuleEditor(props: EditorProps) {
  const { def, value, readOnly, files, onUploaded, onChange, errors, failures, focusToken } = props;
  const [form] = Form.useForm();
  const initial = useMemo(() => toFormValues(def, value), [def]); // eslint-disable-line react-hooks/exhaustive-deps
  const rowCount = Array.isArray(value) ? value.length : 0;

  const shown = useMemo(() => ({ ...failures, ...errors }), [failures, errors]);
  const moduleMessages = Object.entries(shown).filter(([k]) => !isFieldPath(def, k, rowCount));

  // Focus moves only when the page asks (a refused submission or save), to the first bad field in reading order —
  // rows top to bottom, then fields before attachment slots —, never while the applicant is typing.
  const focused = useRef(0);
  const fieldOrder = useMemo(() => [...def.fields.map((f) => f.key), ...def.attachments.map((a) => `_files.${a.key}`)], [def]);
  const position = (k: string): number => {
    const m = /^(\d+)\.(.+)$/.exec(k);
    const row = m ? Number(m[1]) : 0;
    const rest = m ? m[2]! : k;
    const i = fieldOrder.indexOf(rest);
    return row * 1000 + (i < 0 ? 999 : i);
  };
  useEffect(() => {
    const entries = Object.entries(shown)
      .filter(([k]) => isFieldPath(def, k, rowCount))
      .sort(([a], [b]) => position(a) - position(b));
    // Clear the messages of fields no longer flagged, set the others.
    const flagged = new Set(entries.map(([k]) => JSON.stringify(formPath(def, k))));
    const stale = form
      .getFieldsError()
      .filter((f) => f.errors.length && !flagged.has(JSON.stringify(f.name)))
      .map((f) => ({ name: f.name, errors: [] as string[] }));
    form.setFields([...stale, ...entries.map(([k, msg]) => ({ name: formPath(def, k), errors: [msg] }))]);
    const ask = focusToken !== focused.current;
    focused.current = focusToken;
    if (ask && focusToken && entries.length) {
      const first = formPath(def, entries[0]![0]);
      setTimeout(() => form.scrollToField(first, { block: 'center', focus: true }), 50);
    } else if (ask && focusToken && moduleMessages.length) {
      document.getElementById(`module-${def.key}`)?.scrollIntoView({ block: 'start' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, focusToken]);

  /** Draft rule: the shared validator, partial mode, picked for this field's path. */
  const rule = (pathKey: string): Rule => ({
    validator: async () => {
      const msg = validateModuleValue(def, readModuleValue(def, form), false)[pathKey];
      if (msg) throw new Error(msg);
    },
  });

  const slotRequired = (a: AttachmentSlot) => !!a.required;

  const renderRecord = (prefix: Path, locked: boolean, rowIndex?: number) => {
    const p = (k: string) => (rowIndex === undefined ? k : `${rowIndex}.${k}`);
    const disabled = readOnly || locked;
    return (
      <>
        {def.fields.length > 0 && (
          <Row gutter={16}>
            {def.fields.map((f) => (
              <Col key={f.key} {...colSpan(f)}>
                <Form.Item
                  name={[...prefix, f.key]}
                  label={f.type === 'boolean' ? undefined : f.label}
                  required={f.required}
                  rules={[rule(p(f.key))]}
                  validateTrigger={['onChange', 'onBlur']}
                  {...valueProps(f)}
                >
                  {fieldInput(f, disabled)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        )}
        {def.attachments.map((a) => (
          <Form.Item key={a.key} name={[...prefix, '_files', a.key]} className="attachment-item">
            <AttachmentSlotField slot={a} disabled={disabled} files={files} onUploaded={onUploaded} required={slotRequired(a)} />
          </Form.Item>
        ))}
      </>
    );
  };

  const onValuesChange = (changed: Record<string, unknown>) => {
    if (def.key === 'education' && Array.isArray(changed.rows)) {
      const i = (changed.rows as (ModuleRow | undefined)[]).findIndex((r) => r?.highest === true);
      if (i >= 0) {
        const rows = (form.getFieldValue('rows') as ModuleRow[]) ?? [];
        rows.forEach((_, j) => j !== i && rows[j]?.highest && form.setFieldValue(['rows', j, 'highest'], false));
      }
    }
    onChange(readModuleValue(def, form));
  };

  let body: ReactNode;
  if (def.kind === 'text') {
    const f = def.fields[0]!;
    body = (
      <Form.Item noStyle shouldUpdate>
        {() => {
          const n = charCount(String(form.getFieldValue(f.key) ?? ''));
          const over = !!f.maxLength && n > f.maxLength;
          return (
            <>
              <Form.Item name={f.key} label={f.label} required={f.required} rules={[rule(f.key)]} validateTrigger={['onChange', 'onBlur']}>
                <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} disabled={readOnly} placeholder={`请输入${f.label}`} />
              </Form.Item>
              <div className={`char-counter${over ? ' over' : ''}`} data-testid="char-counter">
                {n}/{f.maxLength}
              </div>
            </>
          );
        }}
      </Form.Item>
    );
  } else if (def.kind === 'table') {
    body = (
      <Form.List name="rows">
        {(rows, { add, remove }) => (
          <Flex vertical gap={12}>
            {!readOnly && (
              <Flex gap={8} justify="flex-end">
                {props.onFetchEducation && (
                  <Button
                    icon={<CloudDownloadOutlined />}
                    loading={props.fetching}
                    onClick={async () => {
                      const got = await props.onFetchEducation!();
                      if (got?.length) {
                        got.forEach((r) => add(r));
                        onChange(readModuleValue(def, form));
                      }
                    }}
                  >
                    自动获取
                  </Button>
                )}
                <Button
                  type="primary"
                  ghost
                  icon={<PlusOutlined />}
                  disabled={def.maxRows !== undefined && rows.length >= def.maxRows}
                  onClick={() => {
                    add({});
                    onChange(readModuleValue(def, form));
                  }}
                >
                  添加
                </Button>
              </Flex>
            )}
            {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={readOnly ? '未填写' : '暂无记录，请点击“添加”'} />}
            {rows.map((r, i) => {
              const locked = (form.getFieldValue(['rows', r.name, '_locked']) as boolean | undefined) === true;
              return (
                <Card
                  key={r.key}
                  size="small"
                  className="row-card"
                  data-testid={`row-${def.key}-${i}`}
                  title={
                    <Flex gap={8} align="center">
                      <span>第{i + 1}条</span>
                      {locked && (
                        <Tag icon={<LockOutlined />} color="default">
                          往年申报，不可删除
                        </Tag>
                      )}
                    </Flex>
                  }
                  extra={
                    !readOnly &&
                    !locked && (
                      <Popconfirm
                        title="确定删除这一条吗？"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => {
                          remove(r.name);
                          onChange(readModuleValue(def, form));
                        }}
                      >
                        <Button type="text" danger size="small" icon={<DeleteOutlined />}>
                          删除
                        </Button>
                      </Popconfirm>
                    )
                  }
                >
                  {renderRecord([r.name], locked, i)}
                </Card>
              );
            })}
            {def.maxRows !== undefined && (
              <Typography.Text type="secondary">
                已填写 {rows.length}/{def.maxRows} 项
              </Typography.Text>
            )}
          </Flex>
        )}
      </Form.List>
    );
  } else {
    body = renderRecord([], false);
  }

  return (
    <Form form={form} layout="vertical" initialValues={initial} onValuesChange={onValuesChange} disabled={false} className="module-form" id={`module-${def.key}`}>
      {def.hint && <Alert type="info" showIcon message={def.hint} style={{ marginBottom: 16 }} />}
      {moduleMessages.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="module-errors"
          message={moduleMessages.map(([k, m]) => (
            <div key={k}>{m}</div>
          ))}
        />
      )}
      {body}
    </Form>
  );
}
