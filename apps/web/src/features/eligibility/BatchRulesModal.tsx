import { useEffect } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  COUNT_FROM,
  COUNT_TO,
  EDUCATION_LEVELS,
  RESUBMIT_MODES,
  TITLE_LEVEL_LABELS,
  type BatchDto,
  type BatchRulesDto,
  type CountFrom,
  type CountTo,
  type EducationRequirement,
  type QualifyingRule,
  type TitleLevel,
} from '@zhicheng/contracts';
import { api, showError } from '../../lib/api';
import { feedback } from '../../lib/feedback';
import { useSeries } from '../admin/api/reference';

const ALL_SERIES = '*';

interface RuleForm {
  seriesCode: string;
  titleLevel: TitleLevel;
  countFrom: CountFrom;
  countTo: CountTo;
  cutoffDate?: Dayjs | null;
  requirements: EducationRequirement[];
  allowExceptional: boolean;
  note?: string;
}

interface RulesForm {
  unitPublicityMinDays: number;
  correctionDays: number;
  maxResubmissions?: number | null;
  resubmitMode: BatchRulesDto['resubmitMode'];
  qualifyingRules: RuleForm[];
}

const toForm = (r: BatchRulesDto): RulesForm => ({
  unitPublicityMinDays: r.unitPublicityMinDays,
  correctionDays: r.correctionDays,
  maxResubmissions: r.maxResubmissions,
  resubmitMode: r.resubmitMode,
  qualifyingRules: r.qualifyingRules.map((q) => ({
    seriesCode: q.seriesCode ?? ALL_SERIES,
    titleLevel: q.titleLevel as TitleLevel,
    countFrom: q.countFrom,
    countTo: q.countTo,
    cutoffDate: q.cutoffDate ? dayjs(q.cutoffDate) : null,
    requirements: q.requirements,
    allowExceptional: q.allowExceptional !== false,
    note: q.note ?? undefined,
  })),
});

const fromForm = (v: RulesForm, version: number) => ({
  unitPublicityMinDays: v.unitPublicityMinDays,
  correctionDays: v.correctionDays,
  maxResubmissions: v.maxResubmissions ?? null,
  resubmitMode: v.resubmitMode,
  version,
  qualifyingRules: (v.qualifyingRules ?? []).map(
    (q): QualifyingRule => ({
      seriesCode: q.seriesCode === ALL_SERIES ? null : q.seriesCode,
      titleLevel: q.titleLevel,
      countFrom: q.countFrom,
      countTo: q.countTo,
      cutoffDate: q.countTo === 'cutoff' && q.cutoffDate ? q.cutoffDate.format('YYYY-MM-DD') : null,
      requirements: q.requirements ?? [],
      allowExceptional: q.allowExceptional,
      note: q.note?.trim() || null,
    }),
  ),
});

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/**
 * 申报规则 of a batch (issue 16): unit publicity minimum, correction deadline and resubmission cap, where a
 * resubmission goes (U-14: 直达退回节点 / 逐级审核), and the qualifying years per series, level and education (H-14).
 */
export function BatchRulesModal({ batch, onClose }: { batch: BatchDto | null; onClose: () => void }) {
  const [form] = Form.useForm<RulesForm>();
  const qc = useQueryClient();
  const series = useSeries();
  const rules = useQuery({ queryKey: ['batch-rules', batch?.id], enabled: !!batch, queryFn: () => api.get<BatchRulesDto>(`/batches/${batch!.id}/rules`) });
  const save = useMutation({
    mutationFn: (v: RulesForm) => api.put<BatchRulesDto>(`/batches/${batch!.id}/rules`, fromForm(v, rules.data!.version)),
    onSuccess: (r) => qc.setQueryData(['batch-rules', batch?.id], r),
  });
  useEffect(() => {
    if (batch && rules.data) form.setFieldsValue(toForm(rules.data));
  }, [batch, rules.data, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync(v);
      feedback().success('申报规则已保存');
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };
  const levels = (batch?.levels ?? []) as TitleLevel[];

  return (
    <Modal title={batch ? `申报规则：${batch.name}` : '申报规则'} open={!!batch} onOk={submit} onCancel={onClose} okText="保存" cancelText="取消" confirmLoading={save.isPending} width={900} destroyOnHidden>
      {rules.isLoading ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" data-testid="batch-rules-form">
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="unitPublicityMinDays" label="单位公示期（工作日）" rules={[{ required: true, message: '请填写单位公示期' }]} extra="不得少于5个工作日">
                <InputNumber min={5} max={30} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="correctionDays" label="补正期限（工作日）" rules={[{ required: true, message: '请填写补正期限' }]} extra="逾期未补正视为放弃申报">
                <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="maxResubmissions" label="重新提交次数上限" extra="不填为不限">
                <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} placeholder="不限" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="resubmitMode" label="退回后重新提交" rules={[{ required: true }]}>
                <Radio.Group options={opts(RESUBMIT_MODES)} optionType="button" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>资历年限</Typography.Title>
          <Typography.Paragraph type="secondary">
            按职称系列和级别设定各学历申报所需年限；未列出的学历不能按“正常晋升”申报。年限不满足时，只能选择“破格”（可关闭）。
          </Typography.Paragraph>
          <Form.List name="qualifyingRules">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Card
                    key={f.key}
                    size="small"
                    data-testid={`rule-${f.name}`}
                    extra={
                      <Button type="link" danger size="small" onClick={() => remove(f.name)}>
                        删除规则
                      </Button>
                    }
                  >
                    <Row gutter={12}>
                      <Col span={6}>
                        <Form.Item name={[f.name, 'seriesCode']} label="职称系列" rules={[{ required: true, message: '请选择职称系列' }]}>
                          <Select options={[{ value: ALL_SERIES, label: '全部系列' }, ...(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))]} showSearch={{ optionFilterProp: 'label' }} />
                        </Form.Item>
                      </Col>
                      <Col span={4}>
                        <Form.Item name={[f.name, 'titleLevel']} label="级别" rules={[{ required: true, message: '请选择级别' }]}>
                          <Select options={levels.map((l) => ({ value: l, label: TITLE_LEVEL_LABELS[l] }))} />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item name={[f.name, 'countFrom']} label="起算" rules={[{ required: true }]}>
                          <Select options={opts(COUNT_FROM)} />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item name={[f.name, 'countTo']} label="截止" rules={[{ required: true }]}>
                          <Select options={opts(COUNT_TO)} />
                        </Form.Item>
                      </Col>
                      <Form.Item noStyle shouldUpdate>
                        {() =>
                          form.getFieldValue(['qualifyingRules', f.name, 'countTo']) === 'cutoff' && (
                            <Col span={6}>
                              <Form.Item name={[f.name, 'cutoffDate']} label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
                                <DatePicker style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                          )
                        }
                      </Form.Item>
                      <Col span={6}>
                        <Form.Item name={[f.name, 'allowExceptional']} label="不满足时可破格" valuePropName="checked">
                          <Switch />
                        </Form.Item>
                      </Col>
                      <Col span={12}>
                        <Form.Item name={[f.name, 'note']} label="说明">
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.List name={[f.name, 'requirements']}>
                      {(reqs, r) => (
                        <>
                          {reqs.map((q) => (
                            <Space key={q.key} align="baseline" wrap data-testid={`req-${f.name}-${q.name}`}>
                              <Form.Item name={[q.name, 'education']} rules={[{ required: true, message: '请选择学历' }]}>
                                <Select placeholder="学历" style={{ width: 140 }} options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))} aria-label="学历" />
                              </Form.Item>
                              <Form.Item name={[q.name, 'basis']} rules={[{ required: true, message: '请选择起算依据' }]}>
                                <Select style={{ width: 140 }} options={[{ value: 'current_title', label: '取得现职称后' }, { value: 'graduation', label: '毕业后' }]} aria-label="起算依据" />
                              </Form.Item>
                              <Form.Item name={[q.name, 'years']} rules={[{ required: true, message: '请填写年限' }]}>
                                <InputNumber min={0} max={30} precision={0} suffix="年" style={{ width: 120 }} aria-label="年限" />
                              </Form.Item>
                              <MinusCircleOutlined onClick={() => r.remove(q.name)} aria-label="删除学历要求" />
                            </Space>
                          ))}
                          <Button size="small" icon={<PlusOutlined />} onClick={() => r.add({ basis: 'current_title', years: 5 })}>
                            添加学历要求
                          </Button>
                        </>
                      )}
                    </Form.List>
                  </Card>
                ))}
                {!levels.length && <Alert type="info" showIcon message="本批次未设置申报级别" />}
                <Button
                  icon={<PlusOutlined />}
                  disabled={!levels.length}
                  onClick={() => add({ seriesCode: ALL_SERIES, titleLevel: levels[0], countFrom: 'year_after', countTo: 'declaration_year_end', requirements: [], allowExceptional: true })}
                >
                  添加资历规则
                </Button>
              </Space>
            )}
          </Form.List>
        </Form>
      )}
    </Modal>
  );
}
