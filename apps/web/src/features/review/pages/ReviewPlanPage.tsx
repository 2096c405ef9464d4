import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Form, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { EXPERT_ACTION_LABELS, REVIEW_MODE_LABELS, REVIEW_PLAN_KIND_LABELS, REVIEW_PLAN_STATUS_LABELS, Role, SCORING_RULE_KIND_LABELS, TITLE_LEVEL_LABELS, votePasses, type ExpertActionKind } from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { openStoredFile, showError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/auth';
import { feedback } from '../../../lib/feedback';
import { formatDate, formatDateTime, chinaToday, chinaInstant } from '../../../lib/format';
import { reviewApi, useExpertActions, usePlan, useReviewMutation, type ExpertActionRow, type Participant, type PlanExpert, type VerifyAnswer } from '../api';
// The plan's edit drawer (selects, tree of professions, uploads) loads when first opened: the page stays in budget.
const DialogFields = lazy(() => import('./ReviewPlanDialogFields').then((m) => ({ default: m.DialogFields })));
const PlanForm = lazy(() => import('./PlanForm').then((m) => ({ default: m.PlanForm })));
import { PLAN_STATUS_COLORS } from './ReviewPlansPage';
import type { Dialog } from './ReviewPlanDialogFields';


/** One review plan: C-02..C-07 for its committee, A-09/A-10/A-11/A-22 for the title office. */
export function ReviewPlanPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const { data: plan, isLoading } = usePlan(id);
  const committee = user.role === Role.CommitteeOperator;
  const office = user.role === Role.OfficeAdmin;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [initial, setInitial] = useState<Record<string, unknown>>({});
  const [opened, setOpened] = useState(0);
  const [editing, setEditing] = useState(false);
  const [formLoaded, setFormLoaded] = useState(false);
  if (editing && !formLoaded) setFormLoaded(true);
  const [verify, setVerify] = useState<VerifyAnswer | null>(null);
  const [form] = Form.useForm();
  const act = useReviewMutation((b: { path: string; body: Record<string, unknown> }) => reviewApi.action(id, b.path, b.body));
  const rollback = useReviewMutation((b: { expertId: string; declarationId: string; actionId: string; reason: string }) => reviewApi.rollback(id, b));
  const actions = useExpertActions(id, office && plan?.status === 'drawn');
  if (isLoading || !plan) return <FullPageSpin />;
  const expertName = (eid: string) => plan.experts.find((e) => e.expertId === eid)?.name ?? eid.slice(0, 8);
  const run = async (path: string, body: Record<string, unknown>, ok: string) => {
    try {
      await act.mutateAsync({ path, body: { version: plan.version, ...body } });
      feedback().success(ok);
      setDialog(null);
    } catch (e) {
      showError(e, form);
    }
  };
  const open = (d: Dialog, values?: Record<string, unknown>) => {
    setInitial(values ?? {});
    setOpened((n) => n + 1);
    setDialog(d);
  };
  const onOk = async () => {
    const v = await form.validateFields();
    if (dialog === 'audit') return run('audit', { result: v.result, opinion: v.opinion }, v.result === 'approve' ? '评审方案审核通过' : '评审方案已退回评委会');
    if (dialog === 'interview') return run('interview', { interviewAt: chinaInstant(v.interviewAt), place: v.place }, '面试通知已发送');
    if (dialog === 'close') return run('close', { presentExpertIds: v.present ?? [] }, '评审结束，结果已生成');
    if (dialog === 'publicity') return run('publicity', { days: v.days, ...(v.startsOn ? { startsOn: v.startsOn.format('YYYY-MM-DD') } : {}) }, '评审结果公示已发布');
    if (dialog === 'filingAudit') return run('filing-audit', { result: v.result, opinion: v.opinion, ...(v.result === 'approve' ? { docNo: v.docNo, filedOn: v.filedOn?.format('YYYY-MM-DD') } : {}) }, v.result === 'approve' ? '已备案' : '已退回评委会');
    if (dialog === 'offline') {
      const items = plan.participants.map((p) => {
        const r = v.items[p.declarationId];
        return { declarationId: p.declarationId, present: r.present, agree: r.agree, disagree: r.disagree, abstain: r.abstain, passed: votePasses(r.agree, r.present) };
      });
      return run('offline-results', { items }, '评审结果已录入');
    }
    if (dialog && typeof dialog === 'object' && 'decline' in dialog) return run(`experts/${dialog.decline.expertId}/decline`, { reason: v.reason }, '已更换评委');
    if (dialog && typeof dialog === 'object' && 'rollback' in dialog) {
      try {
        await rollback.mutateAsync({ expertId: dialog.rollback.expertId, declarationId: dialog.rollback.declarationId, actionId: dialog.rollback.id, reason: v.reason });
        feedback().success('已回退');
        setDialog(null);
      } catch (e) {
        showError(e, form);
      }
    }
  };
  const doVerify = async () => {
    try {
      setVerify(await reviewApi.verify(id));
    } catch (e) {
      showError(e);
    }
  };
  const panel = plan.experts.filter((e) => e.role === 'panel');
  const buttons: ReactNode[] = [];
  if (committee) {
    if (plan.status === 'draft' || plan.status === 'rejected') {
      buttons.push(<Button key="edit" onClick={() => setEditing(true)}>修改方案</Button>);
      buttons.push(
        <Popconfirm key="submit" title="确认呈报该评审方案？" onConfirm={() => run('submit', {}, '已呈报，等待职称管理部门审核')}>
          <Button type="primary">呈报审核</Button>
        </Popconfirm>,
      );
    }
    if (plan.status === 'approved' && plan.mode === 'online') buttons.push(<Popconfirm key="draw" title="按评委要求随机抽取评委（含回避）？" onConfirm={() => run('draw', {}, '已抽取评委')}><Button type="primary">抽取评委</Button></Popconfirm>);
    if (plan.status === 'approved' && plan.mode === 'offline') {
      buttons.push(<Button key="offline" type="primary" onClick={() => open('offline', { items: Object.fromEntries(plan.participants.map((p) => [p.declarationId, { present: plan.expertRequirement.count, agree: 0, disagree: 0, abstain: 0 }])) })}>录入评审结果</Button>);
    }
    if (plan.status === 'drawn') {
      buttons.push(<Button key="interview" onClick={() => open('interview', { place: plan.interviewPlace ?? undefined })}>面试通知</Button>);
      buttons.push(<Button key="close" type="primary" onClick={() => open('close', { present: panel.map((e) => e.expertId) })}>结束评审</Button>);
    }
    if (plan.status === 'closed') buttons.push(<Button key="pub" type="primary" onClick={() => open('publicity', { days: 5 })}>发布结果公示</Button>);
    if (plan.status === 'publicity') buttons.push(<Popconfirm key="filing" title="公示期满，申请评审结果备案？" onConfirm={() => run('filing', {}, '已申请备案')}><Button type="primary">申请备案</Button></Popconfirm>);
  }
  if (office && plan.status === 'submitted') buttons.push(<Button key="audit" type="primary" onClick={() => open('audit', { result: 'approve' })}>{plan.kind === 'special' ? '特殊方案审核' : '方案审核'}</Button>);
  if (office && plan.status === 'filing_applied') buttons.push(<Button key="fa" type="primary" onClick={() => open('filingAudit', { result: 'approve', filedOn: chinaToday() })}>备案审核</Button>);
  if (plan.draw) buttons.push(<Button key="verify" onClick={doVerify}>复核抽取</Button>);

  const dialogTitle =
    dialog === 'audit' ? '评审方案审核' : dialog === 'interview' ? '面试通知' : dialog === 'close' ? '结束评审（记录出席）' : dialog === 'offline' ? '录入评审结果（线下评审）' : dialog === 'publicity' ? '发布评审结果公示' : dialog === 'filingAudit' ? '评审结果备案' : dialog && 'decline' in dialog ? `更换评委：${dialog.decline.name}` : dialog && 'rollback' in dialog ? `回退：${dialog.rollback.expertName} 的${EXPERT_ACTION_LABELS[dialog.rollback.kind]}` : '';

  return (
    <PageContainer title={plan.name} description={`${plan.committeeName} · ${REVIEW_PLAN_KIND_LABELS[plan.kind]} · ${REVIEW_MODE_LABELS[plan.mode]}`} extra={<Space wrap>{buttons}</Space>}>
      <Section>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="状态"><Tag color={PLAN_STATUS_COLORS[plan.status]} data-testid="plan-status">{REVIEW_PLAN_STATUS_LABELS[plan.status]}</Tag></Descriptions.Item>
          <Descriptions.Item label="呈报时间">{formatDateTime(plan.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="审核意见">{plan.auditOpinion ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="评委要求" span={3}>
            专业 {plan.expertRequirement.professionCodes.join('、')}；级别 {plan.expertRequirement.titleLevels.map((l) => TITLE_LEVEL_LABELS[l]).join('、')}；评委 {plan.expertRequirement.count} 人，备选 {plan.expertRequirement.reserves} 人
          </Descriptions.Item>
          <Descriptions.Item label="评分规则" span={3}>
            {plan.scoringRules.map((r) => `${r.name}（${SCORING_RULE_KIND_LABELS[r.kind]}，满分${r.maxScore}，权重${r.weight}）`).join('；')}
          </Descriptions.Item>
          <Descriptions.Item label="附件" span={3}>
            {plan.attachments.length ? plan.attachments.map((a) => <Button key={a.fileId} type="link" size="small" onClick={() => openStoredFile(a.fileId).catch(showError)}>{a.name}</Button>) : '—'}
          </Descriptions.Item>
          {plan.interviewAt && <Descriptions.Item label="面试" span={3}>{formatDateTime(plan.interviewAt)}，{plan.interviewPlace}（已通知 {formatDateTime(plan.interviewNotifiedAt)}）</Descriptions.Item>}
          {plan.publicityStartsOn && <Descriptions.Item label="结果公示" span={3}>{formatDate(plan.publicityStartsOn)} 至 {formatDate(plan.publicityEndsOn)}（{plan.publicityDays} 个工作日）</Descriptions.Item>}
          {plan.filingDocNo && <Descriptions.Item label="备案" span={3}>文号 {plan.filingDocNo}，日期 {formatDate(plan.filedOn)}</Descriptions.Item>}
          {plan.filingOpinion && <Descriptions.Item label="备案意见" span={3}>{plan.filingOpinion}</Descriptions.Item>}
        </Descriptions>
      </Section>
      <Section title={`参评人员（${plan.participants.length}）`}>
        <Table<Participant>
          rowKey="declarationId"
          size="small"
          pagination={false}
          dataSource={plan.participants}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '工作单位', dataIndex: 'unitName' },
            { title: '申报职称', dataIndex: 'titleName' },
            { title: '出席/同意/不同意/弃权', key: 'tally', render: (_: unknown, r) => (r.result ? `${r.result.present} / ${r.result.agree} / ${r.result.disagree} / ${r.result.abstain}` : '—') },
            { title: '平均分', key: 'avg', width: 80, render: (_: unknown, r) => r.result?.averageScore ?? '—' },
            { title: '评审结果', key: 'res', width: 100, render: (_: unknown, r) => (r.result ? <Tag color={r.result.passed ? 'success' : 'error'}>{r.result.passed ? '通过' : '未通过'}</Tag> : '—') },
            { title: '备案文号', dataIndex: 'filingDocNo', width: 160, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Section>
      {plan.draw && (
        <Section title="评委">
          <Typography.Paragraph type="secondary" copyable={{ text: plan.draw.seed }}>
            抽取时间 {formatDateTime(plan.draw.drawnAt)}；随机种子 <Typography.Text code data-testid="draw-seed">{plan.draw.seed.slice(0, 16)}…</Typography.Text>；候选专家 {plan.draw.candidates.length} 人；回避 {plan.draw.avoided.length} 人
          </Typography.Paragraph>
          <Table<PlanExpert>
            rowKey="expertId"
            size="small"
            pagination={false}
            dataSource={plan.experts}
            columns={[
              { title: '序号', dataIndex: 'position', width: 60, render: (p: number) => p + 1 },
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '工作单位', dataIndex: 'organisationName' },
              { title: '职称', dataIndex: 'titleName' },
              { title: '身份', dataIndex: 'role', width: 160, render: (r: string, e) => (r === 'panel' ? <Tag color="blue">评委</Tag> : r === 'reserve' ? <Tag>备选</Tag> : <Tag color="red">已更换（{e.declineReason}）→ {expertName(e.replacedBy ?? '')}</Tag>) },
              { title: '出席', key: 'present', width: 70, render: (_: unknown, e) => (plan.attendance ? (plan.attendance.includes(e.expertId) ? '是' : '否') : '—') },
              ...(committee && plan.status === 'drawn'
                ? [{ title: '操作', key: 'ops', width: 80, render: (_: unknown, e: PlanExpert) => (e.role === 'panel' ? <Button type="link" size="small" onClick={() => open({ decline: e })}>更换</Button> : null) }]
                : []),
            ]}
          />
          {plan.draw.avoided.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              回避：{plan.draw.avoided.map((a) => a.reason).join('；')}
            </Typography.Paragraph>
          )}
        </Section>
      )}
      {office && plan.status === 'drawn' && (
        <Section title="评委操作回退（从新到旧）">
          <Table<ExpertActionRow>
            rowKey="id"
            size="small"
            loading={actions.isFetching}
            dataSource={actions.data?.items ?? []}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '评委', dataIndex: 'expertName', width: 100 },
              { title: '参评人员', dataIndex: 'applicantName', width: 100 },
              { title: '操作', dataIndex: 'kind', width: 100, render: (k: ExpertActionKind) => EXPERT_ACTION_LABELS[k] },
              { title: '内容', dataIndex: 'value', render: (v: Record<string, unknown>) => <Typography.Text ellipsis style={{ maxWidth: 320 }}>{JSON.stringify(v)}</Typography.Text> },
              { title: '时间', dataIndex: 'createdAt', width: 170, render: (d: string) => formatDateTime(d) },
              { title: '状态', key: 'st', width: 160, render: (_: unknown, r) => (r.rolledBackAt ? <Tag>已回退：{r.rollbackReason}</Tag> : <Tag color="green">有效</Tag>) },
              { title: '', key: 'ops', width: 70, render: (_: unknown, r) => (!r.rolledBackAt ? <Button type="link" danger size="small" onClick={() => open({ rollback: r })}>回退</Button> : null) },
            ]}
          />
        </Section>
      )}
      {(editing || formLoaded) && (
        <Suspense fallback={null}>
          <PlanForm open={editing} plan={plan} onClose={() => setEditing(false)} />
        </Suspense>
      )}
      <Modal title={dialogTitle} open={dialog !== null} onOk={onOk} onCancel={() => setDialog(null)} confirmLoading={act.isPending || rollback.isPending} destroyOnHidden width={dialog === 'offline' ? 760 : 520}>
        <Form key={opened} form={form} layout="vertical" preserve={false} initialValues={initial}>
          <Suspense fallback={null}>
            <DialogFields dialog={dialog} plan={plan} />
          </Suspense>
        </Form>
      </Modal>
      <Modal title="复核抽取" open={verify !== null} onCancel={() => setVerify(null)} footer={<Button onClick={() => setVerify(null)}>关闭</Button>} width={640}>
        {verify && (
          <>
            <Alert type={verify.matches ? 'success' : 'error'} showIcon message={verify.matches ? '复核一致：按记录的随机种子和候选名单重新抽取，结果与抽取记录相同' : '复核不一致！'} />
            <Descriptions size="small" column={1} style={{ marginTop: 12 }} bordered>
              <Descriptions.Item label="随机种子"><Typography.Text code copyable>{verify.seed}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label="候选专家（排序）">{verify.candidates.map(expertName).join('、')}</Descriptions.Item>
              <Descriptions.Item label="记录的评委">{verify.recorded.panel.map(expertName).join('、')}</Descriptions.Item>
              <Descriptions.Item label="重新抽取的评委"><span data-testid="rerun-panel">{verify.rerun.panel.map(expertName).join('、')}</span></Descriptions.Item>
              <Descriptions.Item label="备选">{verify.rerun.reserves.map(expertName).join('、') || '—'}</Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Modal>
    </PageContainer>
  );
}
