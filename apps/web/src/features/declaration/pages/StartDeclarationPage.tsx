import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Alert, Button, Card, Cascader, Col, Descriptions, Empty, Flex, Form, Radio, Result, Row, Select, Spin, Steps, Typography } from 'antd';
import {
  DECLARATION_KIND_LABELS,
  DECLARATION_METHODS,
  EXCEPTIONAL_CONDITIONS,
  TITLE_LEVEL_LABELS,
  UNIT_NATURE_LABELS,
  UnitNature,
  type DeclarationKind,
  type DeclarationMethod,
  type EligibilityAnswers,
  type RegionDto,
  type StartDeclarationRequest,
  type TitleLevel,
} from '@zhicheng/contracts';
import { useQuery } from '@tanstack/react-query';
import { showError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/auth';
import { PageContainer } from '../../../components/PageContainer';
import { CommitmentLetter } from '../components/CommitmentLetter';
import { EligibilityCheck } from '../../eligibility/EligibilityCheck';
import { YearsCheck } from '../../eligibility/YearsCheck';
import { useEligibility } from '../../eligibility/api';
import { OrgSearchSelect } from '../components/OrgSearchSelect';
import {
  declarationApi,
  declarationKeys,
  useOpenBatches,
  useProfessionTree,
  useSeries,
  useStartDeclaration,
  useTitles,
  type CommitteeChoice,
  type ProfessionNode,
} from '../api';

interface StartValues {
  region: string[];
  unitNature: UnitNature;
  supervisingDeptId?: string;
  unitOrgId?: string;
  titleLevel: TitleLevel;
  seriesCode: string;
  titleId: string;
  professionCode: string;
  method: DeclarationMethod;
  exceptionalCondition?: string;
  civilServant: boolean;
  committeeId: string;
}

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

const toOption = (r: RegionDto): RegionOption => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });

function leaves(nodes: ProfessionNode[]): ProfessionNode[] {
  return nodes.flatMap((n) => (n.children?.length ? leaves(n.children) : [n]));
}

/** The region cascade (省 / 市 / 区县), children loaded on demand from GET /api/regions?parent=. */
function RegionCascader({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  useEffect(() => {
    void declarationApi.regions(null).then((rows) => setOptions(rows.map(toOption)), showError);
  }, []);
  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1]!;
    try {
      const rows = await declarationApi.regions(target.value);
      target.children = rows.map(toOption);
      if (!rows.length) target.isLeaf = true;
    } catch (e) {
      showError(e);
    }
    setOptions((o) => [...o]);
  };
  return (
    <Cascader
      id={id}
      options={options}
      loadData={loadData as never}
      changeOnSelect
      value={value}
      onChange={(v) => onChange?.((v ?? []) as string[])}
      placeholder="请选择工作单位所在的行政区划"
    />
  );
}

/** H-03 / H-05: 职称评审申报 / 职称初定申报 — commitment letter, then the declaration's basic choices. */
function StartDeclaration({ kind }: { kind: DeclarationKind }) {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { modal, message } = App.useApp();
  const batches = useOpenBatches(kind);
  const [batchId, setBatchId] = useState<string>();
  // 0 the H-14 self-check, 1 the commitment letter, 2 the basic choices.
  const [step, setStep] = useState(0);
  const [form] = Form.useForm<StartValues>();
  const start = useStartDeclaration();
  const isReview = kind === 'review';
  const committeeWord = isReview ? '评委会' : '受理机构';
  const title = isReview ? '职称评审申报' : kind === 'initial' ? '职称初定申报' : '职称认定申报';

  const region = Form.useWatch('region', form);
  const regionCode = region?.[region.length - 1];
  const unitNature = Form.useWatch('unitNature', form);
  const titleLevel = Form.useWatch('titleLevel', form);
  const seriesCode = Form.useWatch('seriesCode', form);
  const professionCode = Form.useWatch('professionCode', form);
  const method = Form.useWatch('method', form);
  const [answers, setAnswers] = useState<EligibilityAnswers | null>(null);

  const openBatches = useMemo(() => batches.data ?? [], [batches.data]);
  const batch = openBatches.find((b) => b.id === batchId) ?? openBatches[0];
  const series = useSeries();
  const titles = useTitles(seriesCode, titleLevel);
  const tree = useProfessionTree();
  const professions = useMemo(() => {
    const root = (tree.data ?? []).find((n) => n.code === seriesCode);
    return root ? leaves(root.children ?? []) : [];
  }, [tree.data, seriesCode]);

  const levels = useMemo(() => {
    const set = new Set(openBatches.flatMap((b) => b.levels));
    return (Object.keys(TITLE_LEVEL_LABELS) as TitleLevel[]).filter((l) => set.size === 0 || set.has(l));
  }, [openBatches]);

  const ready = !!regionCode && !!titleLevel && !!professionCode;
  const levelBatch = openBatches.find((b) => titleLevel && b.levels.includes(titleLevel)) ?? batch;
  const eligibility = useEligibility(levelBatch?.id, seriesCode, titleLevel, answers);
  const allowed = eligibility.data?.result.allowedMethods;
  // A shortfall leaves only 破格: the method follows what the self-check leaves open.
  useEffect(() => {
    if (allowed?.length && method && !allowed.includes(method)) form.setFieldsValue({ method: allowed[0] });
  }, [allowed, method, form]);
  const committees = useQuery({
    queryKey: declarationKeys.committees(kind, regionCode ?? '', titleLevel ?? ('' as TitleLevel), professionCode ?? ''),
    enabled: ready,
    queryFn: async (): Promise<CommitteeChoice[]> => {
      const withBatch = (id: string) => openBatches.some((b) => b.committeeId === id && b.levels.includes(titleLevel!));
      if (isReview) {
        const rows = await declarationApi.matchCommittees(regionCode!, titleLevel!, professionCode!);
        return rows.filter((c) => withBatch(c.id));
      }
      const seen = new Map<string, CommitteeChoice>();
      for (const b of openBatches) if (b.levels.includes(titleLevel!)) seen.set(b.committeeId, { id: b.committeeId, name: b.committeeName ?? '' });
      return [...seen.values()];
    },
  });

  // Choices further down the cascade are cleared when an earlier one changes.
  const onValuesChange = (changed: Partial<StartValues>) => {
    if ('titleLevel' in changed || 'seriesCode' in changed) form.setFieldsValue({ titleId: undefined });
    if ('seriesCode' in changed) form.setFieldsValue({ professionCode: undefined });
    if ('region' in changed || 'titleLevel' in changed || 'seriesCode' in changed || 'professionCode' in changed) form.setFieldsValue({ committeeId: undefined });
    if ('unitNature' in changed && changed.unitNature === UnitNature.Other) form.setFieldsValue({ supervisingDeptId: undefined, unitOrgId: undefined });
    if ('method' in changed && changed.method !== '破格') form.setFieldsValue({ exceptionalCondition: undefined });
  };

  const submit = (v: StartValues) => {
    const committee = committees.data?.find((c) => c.id === v.committeeId);
    const chosen = openBatches.find((b) => b.committeeId === v.committeeId && b.levels.includes(v.titleLevel));
    if (!committee || !chosen) {
      form.setFields([{ name: 'committeeId', errors: [`请选择${committeeWord}`] }]);
      return;
    }
    const body: StartDeclarationRequest = {
      batchId: chosen.id,
      regionCode: v.region[v.region.length - 1]!,
      unitNature: v.unitNature,
      supervisingDeptId: v.unitNature === UnitNature.Other ? undefined : v.supervisingDeptId,
      unitOrgId: v.unitNature === UnitNature.Other ? undefined : v.unitOrgId,
      titleLevel: v.titleLevel,
      seriesCode: v.seriesCode,
      titleId: v.titleId,
      professionCode: v.professionCode,
      method: v.method,
      exceptionalCondition: v.method === '破格' ? v.exceptionalCondition : undefined,
      civilServant: answers?.personStatus === 'civil_servant' || answers?.personStatus === 'managed_as_civil_servant',
      committeeId: v.committeeId,
      commitmentAccepted: true,
      eligibility: answers ?? undefined,
    };
    modal.confirm({
      title: `确认申报${committeeWord}`,
      content: (
        <div>
          <p>
            {committeeWord}：{committee.name}
          </p>
          <p>批次：{chosen.name}</p>
          <p>确认后系统将加载需要填写的信息模块。</p>
        </div>
      ),
      okText: '确定',
      cancelText: '取消',
      onOk: () =>
        start.mutateAsync(body).then(
          (d) => {
            message.success('申报已创建，请继续填写申报材料');
            navigate(`/hall/declarations/${d.id}`, { replace: true });
          },
          (e) => showError(e, form),
        ),
    });
  };

  if (batches.isLoading) return <Spin />;
  if (!openBatches.length || !batch) {
    return (
      <PageContainer title={title}>
        <Card variant="borderless">
          <Result status="info" title="当前没有开放申报的批次" subTitle="请关注通知公告，在申报期内进行申报。" />
        </Card>
      </PageContainer>
    );
  }

  const noCommittee = ready && committees.isSuccess && committees.data.length === 0;
  const needsUnit = unitNature === UnitNature.Enterprise || unitNature === UnitNature.Institution;

  return (
    <PageContainer title={title} description={`${DECLARATION_KIND_LABELS[kind]}申报：阅读申报承诺书后填写申报基本信息，选择${committeeWord}后进入申报材料填写。`}>
      <Card variant="borderless">
        <Steps current={step} items={[{ title: '申报条件自检' }, { title: '阅读申报承诺书' }, { title: '填写申报基本信息' }, { title: '填写申报材料' }]} style={{ maxWidth: 720, margin: '0 auto 24px' }} />
        {step === 0 ? (
          <EligibilityCheck
            batchId={batch.id}
            onPass={(a) => {
              setAnswers(a);
              setStep(1);
            }}
          />
        ) : step === 1 ? (
          <CommitmentLetter batches={openBatches} batchId={batch.id} onBatchChange={setBatchId} onAgree={() => setStep(2)} onDecline={() => navigate('/hall')} />
        ) : (
          <Form<StartValues>
            form={form}
            layout="vertical"
            onFinish={submit}
            onValuesChange={onValuesChange}
            initialValues={{ method: '正常晋升', civilServant: false }}
            scrollToFirstError={{ focus: true }}
            className="start-form"
          >
            <Typography.Title level={5}>个人基本信息</Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} className="readonly-facts">
              <Descriptions.Item label="姓名">{user.realName}</Descriptions.Item>
              <Descriptions.Item label="身份证号">{user.idCard}</Descriptions.Item>
              <Descriptions.Item label="手机号码">{user.mobile || '—'}</Descriptions.Item>
            </Descriptions>
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <Form.Item name="region" label="所属行政区划" rules={[{ required: true, message: '请选择所属行政区划' }]}>
                  <RegionCascader />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="unitNature" label="工作单位性质" rules={[{ required: true, message: '请选择工作单位性质' }]}>
                  <Radio.Group options={Object.values(UnitNature).map((n) => ({ value: n, label: UNIT_NATURE_LABELS[n] }))} />
                </Form.Item>
              </Col>
              {needsUnit && (
                <>
                  <Col xs={24} md={12}>
                    <Form.Item name="supervisingDeptId" label="行政主管部门" rules={[{ required: true, message: '请选择行政主管部门' }]}>
                      <OrgSearchSelect type="dept" regionCode={regionCode} placeholder="输入主管部门名称搜索" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="unitOrgId" label="工作单位" rules={[{ required: true, message: '请选择工作单位' }]}>
                      <OrgSearchSelect type="unit" regionCode={regionCode} placeholder="输入工作单位全称的一部分搜索" />
                    </Form.Item>
                  </Col>
                </>
              )}
            </Row>
            <Typography.Title level={5}>申报基本信息</Typography.Title>
            <Row gutter={24}>
              <Col xs={24} md={8}>
                <Form.Item name="titleLevel" label="申报级别" rules={[{ required: true, message: '请选择申报级别' }]}>
                  <Select placeholder="请选择" options={levels.map((l) => ({ value: l, label: TITLE_LEVEL_LABELS[l] }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="seriesCode" label="职称系列" rules={[{ required: true, message: '请选择职称系列' }]}>
                  <Select placeholder="请选择" loading={series.isLoading} options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="titleId" label="申报职称" rules={[{ required: true, message: '请选择申报职称' }]}>
                  <Select
                    placeholder={titleLevel && seriesCode ? '请选择' : '请先选择级别和系列'}
                    disabled={!titleLevel || !seriesCode}
                    loading={titles.isFetching}
                    options={(titles.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
                    notFoundContent="该系列此级别暂无职称"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="professionCode" label="申报专业" rules={[{ required: true, message: '请选择申报专业' }]}>
                  <Select
                    placeholder={seriesCode ? '请选择' : '请先选择职称系列'}
                    disabled={!seriesCode}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={professions.map((p) => ({ value: p.code, label: p.name }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="method"
                  label="申报方式"
                  rules={[
                    { required: true, message: '请选择申报方式' },
                    { validator: (_, v) => (!allowed || !v || allowed.includes(v) ? Promise.resolve() : Promise.reject(new Error(allowed.length ? `资历年限${eligibility.data?.result.years?.text ?? '不满足'}，只能选择“破格”` : '资历年限不满足，本批次不受理破格申报'))) },
                  ]}
                >
                  <Select options={DECLARATION_METHODS.map((m) => ({ value: m, label: m, disabled: !!allowed && !allowed.includes(m) }))} />
                </Form.Item>
              </Col>
              {method === '破格' && (
                <Col xs={24} md={8}>
                  <Form.Item name="exceptionalCondition" label="破格条件" rules={[{ required: true, message: '请选择破格条件' }]}>
                    <Select placeholder="请选择" options={EXCEPTIONAL_CONDITIONS.map((m) => ({ value: m, label: m }))} />
                  </Form.Item>
                </Col>
              )}
              {titleLevel && seriesCode && eligibility.data && (
                <Col span={24} style={{ marginBottom: 16 }}>
                  <YearsCheck years={eligibility.data.result.years} allowedMethods={allowed} />
                </Col>
              )}
              <Col xs={24} md={16}>
                <Form.Item
                  name="committeeId"
                  label={isReview ? '申报评委会' : '报送受理部门'}
                  rules={[{ required: true, message: `请选择${committeeWord}` }]}
                  extra={!ready ? '请先选择行政区划、申报级别和申报专业' : undefined}
                >
                  <Select
                    placeholder={ready ? '请选择' : '请先选择行政区划、申报级别和申报专业'}
                    disabled={!ready}
                    loading={committees.isFetching}
                    options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                    notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`未查到相关的${committeeWord}`} />}
                  />
                </Form.Item>
              </Col>
            </Row>
            {noCommittee && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message={`未查到相关的${committeeWord}`}
                description={`请确认选择的行政区划、申报级别、申报专业是否正确，且${committeeWord}已开放申报。`}
              />
            )}
            <Flex justify="flex-end" gap={12}>
              <Button onClick={() => setStep(0)}>上一步</Button>
              <Button type="primary" htmlType="submit" loading={start.isPending}>
                下一步
              </Button>
            </Flex>
          </Form>
        )}
      </Card>
    </PageContainer>
  );
}

export function StartReviewPage() {
  return <StartDeclaration kind="review" />;
}

export function StartInitialPage() {
  return <StartDeclaration kind="initial" />;
}
