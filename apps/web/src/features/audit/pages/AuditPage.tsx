import { useEffect, useRef, useState } from 'react';
import { App, Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Segmented, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { MODULE_BY_KEY, displayFieldValue, type ModuleRow, type ModuleValue } from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { openStoredFile, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { auditApi, auditKeys, useAuditAction, useAuditDetail, type AuditDetail } from '../api';
import { DeclarationTimeline } from '../components/Timeline';
import { chinaToday } from '../../../lib/format';
import { ResubmissionDiff } from '../components/ResubmissionDiff';
import { YearsCheck } from '../../eligibility/YearsCheck';

type Failures = Record<string, Record<string, string>>;

function openFile(id: string) {
  openStoredFile(id).catch(() => feedback().error('附件无法打开'));
}

/** One judged item: 通过 / 不通过 and the reason. */
function Judge({ failures, setFailures, module, path, disabled }: { failures: Failures; setFailures: (f: Failures) => void; module: string; path: string; disabled: boolean }) {
  const reason = failures[module]?.[path];
  const failed = reason !== undefined;
  const set = (v: string | undefined) => {
    const m = { ...(failures[module] ?? {}) };
    if (v === undefined) delete m[path];
    else m[path] = v;
    const next = { ...failures, [module]: m };
    if (!Object.keys(m).length) delete next[module];
    setFailures(next);
  };
  return (
    <Space wrap data-testid={`judge-${module}-${path}`}>
      <Segmented
        size="small"
        disabled={disabled}
        value={failed ? 'fail' : 'pass'}
        options={[{ value: 'pass', label: '通过' }, { value: 'fail', label: '不通过' }]}
        onChange={(v) => set(v === 'fail' ? '' : undefined)}
      />
      {failed && (
        <Input
          size="small"
          status={reason ? undefined : 'error'}
          placeholder="不通过原因（必填）"
          style={{ width: 240 }}
          value={reason}
          disabled={disabled}
          maxLength={200}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </Space>
  );
}

function Files({ files, names }: { files: Record<string, unknown> | undefined; names: AuditDetail['files'] }) {
  const ids = Object.values(files ?? {}).flatMap((v) => (Array.isArray(v) ? v : [v])) as string[];
  if (!ids.length) return <Typography.Text type="secondary">无附件</Typography.Text>;
  return (
    <Space wrap>
      {ids.map((id) => (
        <Button key={id} size="small" type="link" onClick={() => openFile(id)}>
          {names[id]?.name ?? '附件'}
        </Button>
      ))}
    </Space>
  );
}

function ModulePanel({ d, moduleKey, failures, setFailures, disabled }: { d: AuditDetail; moduleKey: string; failures: Failures; setFailures: (f: Failures) => void; disabled: boolean }) {
  const def = MODULE_BY_KEY[moduleKey];
  const value: ModuleValue | undefined = d.data[moduleKey];
  const j = (path: string) => <Judge failures={failures} setFailures={setFailures} module={moduleKey} path={path} disabled={disabled} />;
  if (!def) return null;
  const whole = (
    <Space style={{ marginBottom: 12 }}>
      <Typography.Text>整个模块：</Typography.Text>
      {j('_')}
    </Space>
  );
  if (def.kind === 'table') {
    const rows = (Array.isArray(value) ? value : []) as ModuleRow[];
    return (
      <>
        {whole}
        <Table<ModuleRow & { _i: number }>
          size="small"
          rowKey="_i"
          pagination={false}
          dataSource={rows.map((r, i) => ({ ...r, _i: i }))}
          scroll={{ x: true }}
          columns={[
            ...def.fields.map((f) => ({ title: f.label, key: f.key, render: (_: unknown, r: ModuleRow) => displayFieldValue(f, r[f.key]) })),
            ...(def.attachments.length ? [{ title: '附件', key: '_files', render: (_: unknown, r: ModuleRow) => <Files files={r._files} names={d.files} /> }] : []),
            { title: '审核', key: 'judge', width: 300, render: (_: unknown, r: { _i: number }) => j(String(r._i)) },
          ]}
        />
      </>
    );
  }
  const rec = (value && !Array.isArray(value) ? value : {}) as ModuleRow;
  return (
    <>
      {whole}
      <Descriptions column={1} bordered size="small">
        {def.kind === 'text' && <Descriptions.Item label={def.name}>{String(rec.text ?? '')}</Descriptions.Item>}
        {def.kind !== 'text' &&
          def.fields.map((f) => (
            <Descriptions.Item key={f.key} label={f.label}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                <span>{displayFieldValue(f, rec[f.key])}</span>
                {j(f.key)}
              </Space>
            </Descriptions.Item>
          ))}
        {def.attachments.map((a) => (
          <Descriptions.Item key={a.key} label={a.label}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Files files={rec._files?.[a.key] !== undefined ? { [a.key]: rec._files[a.key] } : {}} names={d.files} />
              {j(`_files.${a.key}`)}
            </Space>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </>
  );
}

/** U-03 / U-06 / A-08: the audit page — the whole declaration, item-level judgement, pass / return / blacklist. */
export function AuditPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const base = location.pathname.startsWith('/admin') ? '/admin' : '/office';
  // back to the queue as it was left (its filters and page), when the page was opened from it
  const list = `${base}/audit${typeof (location.state as { list?: unknown } | null)?.list === 'string' ? (location.state as { list: string }).list : ''}`;
  const { modal: dialogs } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: d, error, isLoading, refetch } = useAuditDetail(id);
  const [failures, setFailures] = useState<Failures>({});
  const [modal, setModal] = useState<'return' | 'supplement' | 'blacklist' | null>(null);
  const [form] = Form.useForm<{ opinion: string; reason: string; period: [Dayjs, Dayjs] }>();
  const act = useAuditAction(async (fn: () => Promise<unknown>) => fn());
  // set when the declaration left this node: the page forgets it once it is gone (never asks for it again, a 404)
  const left = useRef(false);
  useEffect(() => () => {
    if (left.current) qc.removeQueries({ queryKey: auditKeys.detail(id) });
  }, [qc, id]);

  useEffect(() => {
    if (d) setFailures(d.moduleFailures ?? {});
  }, [d]);

  if (isLoading) return null;
  // An Empty, not antd's Result (its illustrations would weigh on every cold visit of the page).
  if (error || !d)
    return (
      <Empty description="该申报不在本单位的待审核列表中" style={{ margin: '80px auto' }}>
        <Button onClick={() => navigate(list)}>返回列表</Button>
      </Empty>
    );

  const failedCount = Object.values(failures).reduce((n, m) => n + Object.keys(m).length, 0);
  const emptyReason = Object.values(failures).some((m) => Object.values(m).some((r) => !r.trim()));
  const changed = JSON.stringify(failures) !== JSON.stringify(d.moduleFailures ?? {});

  /** Saves the judgement when it changed; answers the version to act with. */
  const saveJudgement = async (): Promise<number> => {
    if (!changed || !d.actions.judge) return d.version;
    if (emptyReason) throw new Error('请填写每个不通过项的原因');
    const r = await auditApi.judge(d.id, { version: d.version, failures });
    return r.version;
  };
  const run = async (fn: () => Promise<unknown>, done: string, leave = true) => {
    try {
      await act.mutateAsync(fn);
      feedback().success(done);
      setModal(null);
      if (leave) {
        // the declaration has left this node: back to the queue (the lists refresh; the declaration is not asked for)
        left.current = true;
        navigate(list);
      } else await refetch();
    } catch (e) {
      if (e instanceof Error && e.message === '请填写每个不通过项的原因') feedback().error(e.message);
      else showError(e, form);
    }
  };
  const submitModal = async () => {
    const v = await form.validateFields();
    if (modal === 'return') await run(async () => auditApi.ret(d.id, { version: await saveJudgement(), opinion: v.opinion }), '已退回');
    if (modal === 'supplement') await run(async () => auditApi.supplement(d.id, { version: await saveJudgement(), opinion: v.opinion }), '已退回申报人补充材料');
    if (modal === 'blacklist') {
      await run(
        () => auditApi.blacklist(d.id, { reason: v.reason, startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD') }),
        '已加入黑名单',
        false,
      );
    }
  };

  return (
    <PageContainer
      title={`审核：${d.applicant.realName}`}
      description={`${d.unitName ?? '自由职业'} · ${d.titleName}（${d.committeeName}） · 当前环节：${d.stageLabel ?? ''}`}
      extra={<Button onClick={() => navigate(list)}>返回列表</Button>}
    >
      {d.blacklist && <Alert type="error" showIcon message="黑名单警示" description={d.blacklist.message} data-testid="blacklist-warning" />}
      {d.resubmission && <ResubmissionDiff view={d.resubmission} />}
      {d.eligibility && (
        <Card size="small" title="申报条件自检（申报时计算）" data-testid="audit-eligibility">
          {d.eligibility.result.refusals.map((r) => (
            <Alert key={r.code} type="error" showIcon message={r.message} />
          ))}
          <YearsCheck years={d.eligibility.result.years} allowedMethods={d.eligibility.result.allowedMethods} />
          <Typography.Text type="secondary">申报方式：{d.method}{d.exceptionalCondition ? `（${d.exceptionalCondition}）` : ''}</Typography.Text>
        </Card>
      )}
      {d.status === 'returned' && <Alert type="warning" showIcon message={`上级已退回：${d.lastReturnReason ?? ''}`} description="可继续退回下一级，直至申报人修改。" />}
      <Section>
        <Descriptions column={3} size="small">
          <Descriptions.Item label="姓名">{d.applicant.realName}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{d.applicant.idCard}</Descriptions.Item>
          <Descriptions.Item label="手机">{d.applicant.mobile}</Descriptions.Item>
          <Descriptions.Item label="申报职称">{d.titleName}</Descriptions.Item>
          <Descriptions.Item label="专业">{d.professionName}</Descriptions.Item>
          <Descriptions.Item label="状态"><Tag color="blue">{d.statusLabel}</Tag></Descriptions.Item>
        </Descriptions>
        {d.path && (
          <Steps
            size="small"
            style={{ marginTop: 16 }}
            current={d.path.findIndex((s) => s.state === 'current')}
            items={d.path.slice(0, 10).map((s) => ({ title: s.label, description: s.orgName }))}
            progressDot
          />
        )}
      </Section>
      <Section title="申报材料" extra={failedCount ? <Tag color="red">{failedCount} 项不通过</Tag> : <Tag color="green">全部通过</Tag>}>
        {d.modules.length ? (
          <Tabs
            items={d.modules.map((m) => ({
              key: m.key,
              label: (
                <span style={failures[m.key] ? { color: '#cf1322' } : undefined}>
                  {m.name}
                  {failures[m.key] ? '（不通过）' : ''}
                </span>
              ),
              children: <ModulePanel d={d} moduleKey={m.key} failures={failures} setFailures={setFailures} disabled={!d.actions.judge} />,
            }))}
          />
        ) : (
          <Empty />
        )}
      </Section>
      <Section>
        <Space wrap>
          {d.actions.judge && (
            <Button disabled={!changed || emptyReason} onClick={() => run(async () => saveJudgement(), '审核结果已保存', false)}>
              保存审核结果
            </Button>
          )}
          {d.actions.pass && (
            <Button
              type="primary"
              disabled={failedCount > 0}
              title={failedCount ? '存在不通过项，请退回' : undefined}
              onClick={() =>
                dialogs.confirm({
                  title: `确认${d.actions.passLabel}？`,
                  okText: '确认',
                  onOk: () => run(async () => auditApi.pass(d.id, { version: await saveJudgement() }), d.isFinalAudit ? '资格审核已通过' : '审核已通过'),
                })
              }
            >
              {d.actions.passLabel}
            </Button>
          )}
          <Button danger onClick={() => { form.resetFields(); setModal('return'); }}>
            退回
          </Button>
          {d.actions.returnForSupplement && (
            <Button danger onClick={() => { form.resetFields(); setModal('supplement'); }}>
              退回补充材料
            </Button>
          )}
          {d.actions.blacklist && (
            <Button
              danger
              type="dashed"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ period: [chinaToday(), chinaToday().add(3, 'year')] });
                setModal('blacklist');
              }}
            >
              加入黑名单
            </Button>
          )}
        </Space>
      </Section>
      <Section title="审核过程">
        <DeclarationTimeline entries={d.timeline} />
      </Section>
      <Modal
        title={modal === 'blacklist' ? `加入黑名单：${d.applicant.realName}` : modal === 'supplement' ? '退回申报人补充材料' : '退回'}
        open={modal !== null}
        onOk={submitModal}
        onCancel={() => setModal(null)}
        confirmLoading={act.isPending}
        okText="确认"
        okButtonProps={{ danger: true }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {modal === 'blacklist' ? (
            <>
              <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
                <Descriptions.Item label="姓名">{d.applicant.realName}</Descriptions.Item>
                <Descriptions.Item label="身份证号">{d.applicant.idCard}</Descriptions.Item>
              </Descriptions>
              <Form.Item name="period" label="有效期" rules={[{ required: true, message: '请选择有效期' }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="reason" label="列入原因" rules={[{ required: true, min: 2, message: '请填写列入原因' }]}>
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="opinion"
              label={modal === 'supplement' ? '需要补充的材料' : d.stageKind === 'unit_audit' ? '退回意见（退回申报人修改）' : '退回意见（退回上一审核环节）'}
              rules={[{ required: true, min: 2, message: '请填写退回意见（至少2个字）' }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </PageContainer>
  );
}
