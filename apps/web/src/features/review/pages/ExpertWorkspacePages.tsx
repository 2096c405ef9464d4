import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Divider, Drawer, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { DECLARATION_MODULES, EXPERT_VOTE_LABELS, REVIEW_PLAN_STATUS_LABELS, type ScoringRule, type ScoringRuleKind } from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { openStoredFile, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/format';
import { reviewApi, useExpertParticipant, useExpertPlan, useExpertPlans, useReviewMutation, type ExpertPlanView, type Mine, type PlanSummary } from '../api';
import { PLAN_STATUS_COLORS } from './ReviewPlansPage';

type ExpertPlanRow = PlanSummary & { committeeName?: string; participantCount?: number; interviewAt: string | null; interviewPlace: string | null };

/** E-01..E-05: the plans this expert was drawn for (only those). */
export function ExpertPlansPage() {
  const { data, isFetching } = useExpertPlans();
  return (
    <PageContainer title="专家评审" description="您被抽取为评委的评审方案：审查材料、评分、投票并填写评审意见（会议结束前可修改）。">
      <Section>
        <Table<ExpertPlanRow>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无需要评审的方案' }}
          pagination={false}
          columns={[
            { title: '评审方案', dataIndex: 'name', render: (n: string, r) => <Link to={`/office/expert-review/${r.id}`}>{n}</Link> },
            { title: '评委会', dataIndex: 'committeeName' },
            { title: '参评人数', dataIndex: 'participantCount', width: 90 },
            { title: '面试', key: 'iv', render: (_: unknown, r) => (r.interviewAt ? `${formatDateTime(r.interviewAt)} ${r.interviewPlace}` : '—') },
            { title: '状态', dataIndex: 'status', width: 120, render: (s: keyof typeof REVIEW_PLAN_STATUS_LABELS) => <Tag color={PLAN_STATUS_COLORS[s]}>{REVIEW_PLAN_STATUS_LABELS[s]}</Tag> },
          ]}
        />
      </Section>
    </PageContainer>
  );
}

const done = (m: Mine) =>
  [m.material_review && '材料复审', m.material_score && '材料打分', m.interview_score && '面试答辩打分', m.vote && `投票：${EXPERT_VOTE_LABELS[m.vote.vote as keyof typeof EXPERT_VOTE_LABELS]}`, m.opinion && '意见'].filter(Boolean).join('、') || '未评审';

export function ExpertPlanPage() {
  const { id = '' } = useParams();
  const { data: plan, isLoading } = useExpertPlan(id);
  const [current, setCurrent] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [declineForm] = Form.useForm<{ reason: string }>();
  const navigate = useNavigate();
  const decline = useReviewMutation((reason: string) => reviewApi.declineSeat(id, reason));
  if (isLoading || !plan) return <FullPageSpin />;
  const open = plan.status === 'drawn';
  const started = plan.participants.some((p) => Object.keys(p.mine).length > 0);
  const submitDecline = async () => {
    const v = await declineForm.validateFields();
    try {
      await decline.mutateAsync(v.reason);
      feedback().success('已登记不能参加，由备选评委替补');
      navigate('/office/expert-review');
    } catch (e) {
      showError(e, declineForm);
    }
  };
  return (
    <PageContainer
      title={plan.name}
      description={plan.interviewAt ? `面试：${formatDateTime(plan.interviewAt)}，${plan.interviewPlace}` : undefined}
      extra={open && !started && <Button danger onClick={() => setDeclining(true)}>无法参加</Button>}
    >
      <Modal title="无法参加评审" open={declining} onOk={submitDecline} onCancel={() => setDeclining(false)} confirmLoading={decline.isPending} destroyOnHidden>
        <Form form={declineForm} layout="vertical">
          <Form.Item name="reason" label="原因（由下一位备选评委替补）" rules={[{ required: true, min: 2, message: '请填写原因（至少2个字）' }]}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      {!open && <Alert type="info" showIcon message="评审会议已结束，评审内容不能再修改。" style={{ marginBottom: 12 }} />}
      {plan.attachments.length > 0 && (
        <Section title="方案附件">
          {plan.attachments.map((a) => (
            <Button key={a.fileId} type="link" onClick={() => openStoredFile(a.fileId).catch(showError)}>
              {a.name}
            </Button>
          ))}
        </Section>
      )}
      <Section title="参评人员">
        <Table<ExpertPlanView['participants'][number]>
          rowKey="declarationId"
          pagination={false}
          dataSource={plan.participants}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '工作单位', dataIndex: 'unitName' },
            { title: '申报职称', dataIndex: 'titleName' },
            { title: '我的评审', key: 'mine', render: (_: unknown, r) => done(r.mine) },
            { title: '操作', key: 'ops', width: 80, render: (_: unknown, r) => <Button type="link" size="small" onClick={() => setCurrent(r.declarationId)}>评审</Button> },
          ]}
        />
      </Section>
      <ParticipantDrawer planId={plan.id} declarationId={current} editable={open} onClose={() => setCurrent(null)} />
    </PageContainer>
  );
}

function ScoreForm({ kind, rules, value, editable, onSave }: { kind: ScoringRuleKind; rules: ScoringRule[]; value?: Record<string, number>; editable: boolean; onSave: (scores: Record<string, number>) => Promise<void> }) {
  const [form] = Form.useForm<Record<string, number>>();
  useEffect(() => form.setFieldsValue(value ?? {}), [form, value]);
  const mine = rules.filter((r) => r.kind === kind);
  if (!mine.length) return null;
  return (
    <Form form={form} layout="inline" onFinish={async (v) => { try { await onSave(v); } catch (e) { showError(e, form); } }} disabled={!editable}>
      {mine.map((r) => (
        <Form.Item key={r.key} name={r.key} label={`${r.name}（满分${r.maxScore}）`} rules={[{ required: true, message: '请评分' }, { type: 'number', min: 0, max: r.maxScore, message: `0-${r.maxScore}分` }]}>
          <InputNumber step={0.5} style={{ width: 90 }} />
        </Form.Item>
      ))}
      <Form.Item>
        <Button htmlType="submit" type="primary">保存{kind === 'material' ? '材料打分' : '面试答辩打分'}</Button>
      </Form.Item>
    </Form>
  );
}

function ParticipantDrawer({ planId, declarationId, editable, onClose }: { planId: string; declarationId: string | null; editable: boolean; onClose: () => void }) {
  const { data: p } = useExpertParticipant(planId, declarationId);
  const save = useReviewMutation((b: { what: 'material-review' | 'scores' | 'vote' | 'opinion'; body: Record<string, unknown> }) => reviewApi.record(planId, declarationId!, b.what, b.body));
  const [reviewForm] = Form.useForm();
  const [voteForm] = Form.useForm();
  const [opinionForm] = Form.useForm();
  useEffect(() => {
    if (!p) return;
    reviewForm.setFieldsValue({ passed: p.mine.material_review?.passed, remark: p.mine.material_review?.remark ?? undefined });
    voteForm.setFieldsValue({ vote: p.mine.vote?.vote });
    opinionForm.setFieldsValue({ text: p.mine.opinion?.text });
  }, [p, reviewForm, voteForm, opinionForm]);
  const record = async (what: 'material-review' | 'scores' | 'vote' | 'opinion', body: Record<string, unknown>, ok: string) => {
    await save.mutateAsync({ what, body });
    feedback().success(ok);
  };
  const attachments = p ? collectFiles(p.moduleData) : [];
  return (
    <Drawer title={p ? `评审：${p.name}` : '评审'} open={declarationId !== null} onClose={onClose} size="large" width={860} destroyOnHidden>
      {p && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="姓名">{p.name}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{p.unitName}</Descriptions.Item>
            <Descriptions.Item label="申报职称">{p.titleName}</Descriptions.Item>
            <Descriptions.Item label="专业">{p.professionCode}</Descriptions.Item>
          </Descriptions>
          <Divider>申报材料（只读）</Divider>
          {Object.entries(p.moduleData).map(([k, v]) => (
            <div key={k} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{DECLARATION_MODULES.find((m) => m.key === k)?.name ?? k}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{moduleText(k, v)}</Typography.Paragraph>
            </div>
          ))}
          {attachments.length > 0 && (
            <Space wrap>
              {attachments.map((f) => (
                <Button key={f.id} size="small" onClick={() => openStoredFile(f.id).catch(showError)}>{f.name}</Button>
              ))}
            </Space>
          )}
          <Divider>材料复审</Divider>
          <Form form={reviewForm} layout="inline" disabled={!editable} onFinish={(v) => record('material-review', { passed: v.passed, remark: v.remark }, '材料复审已保存').catch((e) => showError(e, reviewForm))}>
            <Form.Item name="passed" rules={[{ required: true, message: '请选择' }]}>
              <Radio.Group options={[{ value: true, label: '审核通过' }, { value: false, label: '审核不通过' }]} />
            </Form.Item>
            <Form.Item name="remark">
              <Input placeholder="说明" style={{ width: 240 }} maxLength={500} />
            </Form.Item>
            <Form.Item><Button htmlType="submit" type="primary">保存材料复审</Button></Form.Item>
          </Form>
          <Divider>打分</Divider>
          <ScoreForm kind="material" rules={p.scoringRules} value={p.mine.material_score?.scores as Record<string, number>} editable={editable} onSave={(scores) => record('scores', { kind: 'material', scores }, '材料打分已保存')} />
          <div style={{ height: 12 }} />
          <ScoreForm kind="interview" rules={p.scoringRules} value={p.mine.interview_score?.scores as Record<string, number>} editable={editable} onSave={(scores) => record('scores', { kind: 'interview', scores }, '面试答辩打分已保存')} />
          <Divider>投票</Divider>
          <Form form={voteForm} layout="inline" disabled={!editable} onFinish={(v) => record('vote', { vote: v.vote }, '投票已保存').catch((e) => showError(e, voteForm))}>
            <Form.Item name="vote" rules={[{ required: true, message: '请选择' }]}>
              <Radio.Group options={Object.entries(EXPERT_VOTE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item><Button htmlType="submit" type="primary">保存投票</Button></Form.Item>
          </Form>
          <Divider>评审意见</Divider>
          <Form form={opinionForm} disabled={!editable} onFinish={(v) => record('opinion', { text: v.text }, '评审意见已保存').catch((e) => showError(e, opinionForm))}>
            <Form.Item name="text" rules={[{ required: true, min: 2, message: '请填写评审意见' }]}>
              <Input.TextArea rows={3} maxLength={2000} aria-label="评审意见" />
            </Form.Item>
            <Button htmlType="submit" type="primary">保存意见</Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}

/** A module's value as read-only text: "label：value" per field, one line per row. */
function moduleText(key: string, v: unknown): string {
  const def = DECLARATION_MODULES.find((m) => m.key === key);
  const row = (r: Record<string, unknown>) =>
    Object.entries(r)
      .filter(([f]) => !f.startsWith('_'))
      .map(([f, x]) => `${def?.fields.find((d) => d.key === f)?.label ?? f}：${typeof x === 'boolean' ? (x ? '是' : '否') : String(x ?? '')}`)
      .join('；');
  if (Array.isArray(v)) return v.map((r) => row(r as Record<string, unknown>)).join('\n');
  return v && typeof v === 'object' ? row(v as Record<string, unknown>) : String(v ?? '');
}

/** The attachments of the module data: `_files` slots hold one stored file id or a list. */
function collectFiles(data: Record<string, unknown>): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const [key, v] of Object.entries(data)) {
    const label = DECLARATION_MODULES.find((m) => m.key === key)?.name ?? key;
    for (const r of Array.isArray(v) ? v : [v]) {
      const files = (r as { _files?: Record<string, string | string[]> } | null)?._files ?? {};
      for (const ids of Object.values(files)) for (const id of Array.isArray(ids) ? ids : [ids]) out.push({ id, name: `${label}附件${out.length + 1}` });
    }
  }
  return out;
}
