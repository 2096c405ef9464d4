import { useEffect } from 'react';
import { Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { REVIEW_MODE_LABELS, REVIEW_PLAN_KIND_LABELS, SCORING_RULE_KIND_LABELS, TITLE_LEVEL_LABELS, type BatchDto, type Page } from '@zhicheng/contracts';
import { ProfessionSelect } from '../../admin/components/ProfessionSelect';
import { PdfUpload } from '../../unit-permission/PdfUpload';
import { api, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { reviewApi, useCandidates, useReviewMutation, type Participant, type PlanDetail, type PlanInput } from '../api';

const DEFAULT_RULES = [
  { key: 'm1', name: '业绩成果', kind: 'material', maxScore: 40, weight: 40 },
  { key: 'm2', name: '论文著作', kind: 'material', maxScore: 20, weight: 20 },
  { key: 'i1', name: '面试答辩', kind: 'interview', maxScore: 100, weight: 40 },
];

/** C-02: 评审方案呈报 form (create, or edit a draft / returned plan). */
export function PlanForm({ open, plan, onClose }: { open: boolean; plan: PlanDetail | null; onClose: () => void }) {
  const [form] = Form.useForm<PlanInput>();
  const batchId = Form.useWatch('batchId', form);
  const { data: batches } = useQuery({ queryKey: ['batches', 'mine-review'], queryFn: () => api.get<Page<BatchDto>>('/batches', { page: 1, pageSize: 100 }), enabled: open });
  const { data: candidates, isFetching } = useCandidates(batchId, plan?.id);
  const save = useReviewMutation((b: PlanInput) => (plan ? reviewApi.update(plan.id, { ...b, version: plan.version }) : reviewApi.create(b)));
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (plan) {
      form.setFieldsValue({
        batchId: plan.batchId,
        name: plan.name,
        kind: plan.kind,
        mode: plan.mode,
        description: plan.description ?? undefined,
        expertRequirement: plan.expertRequirement,
        scoringRules: plan.scoringRules,
        attachmentIds: plan.attachments.map((a) => a.fileId),
        declarationIds: plan.participants.map((p) => p.declarationId),
      });
    }
  }, [open, plan, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ ...v, attachmentIds: v.attachmentIds ?? [], declarationIds: v.declarationIds ?? [] });
      feedback().success('评审方案已保存');
      onClose();
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <Drawer
      title={plan ? '修改评审方案' : '新建评审方案'}
      open={open}
      onClose={onClose}
      size="large"
      width={960}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={submit} loading={save.isPending}>
            保存
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={{ kind: 'normal', mode: 'online', expertRequirement: { professionCodes: [], titleLevels: ['senior'], count: 3, reserves: 0 }, scoringRules: DEFAULT_RULES, attachmentIds: [], declarationIds: [] }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="方案名称" rules={[{ required: true, min: 2, message: '请填写方案名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="batchId" label="申报批次" rules={[{ required: true, message: '请选择申报批次' }]}>
              <Select
                options={(batches?.items ?? []).filter((b) => b.kind === 'review').map((b) => ({ value: b.id, label: `${b.year} ${b.name}` }))}
                onChange={() => form.setFieldValue('declarationIds', [])}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label="方案类型">
              <Radio.Group options={Object.entries(REVIEW_PLAN_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="mode" label="评审方式">
              <Radio.Group options={Object.entries(REVIEW_MODE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="方案说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Title level={5}>评委要求</Typography.Title>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name={['expertRequirement', 'professionCodes']} label="评审专业" rules={[{ required: true, type: 'array', min: 1, message: '请选择评审专业' }]}>
              <ProfessionSelect multiple />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={['expertRequirement', 'titleLevels']} label="专家职称级别" rules={[{ required: true, type: 'array', min: 1, message: '请选择专家职称级别' }]}>
              <Select mode="multiple" options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name={['expertRequirement', 'count']} label="评委人数" rules={[{ required: true, message: '请填写评委人数' }]}>
              <InputNumber min={3} max={51} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name={['expertRequirement', 'reserves']} label="备选人数" rules={[{ required: true, message: '请填写备选人数' }]}>
              <InputNumber min={0} max={20} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>评分规则（权重合计100）</Typography.Title>
        <Form.List name="scoringRules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z0-9_]{1,16}$/, message: '标识为小写字母或数字' }]}>
                    <Input placeholder="标识" style={{ width: 70 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写评分项' }]}>
                    <Input placeholder="评分项" aria-label="评分项名称" style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                    <Select style={{ width: 110 }} options={Object.entries(SCORING_RULE_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxScore']} rules={[{ required: true, message: '请填写满分' }]}>
                    <InputNumber min={1} max={1000} addonBefore="满分" style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                    <InputNumber min={0} max={100} addonBefore="权重" style={{ width: 140 }} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除评分项" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: `r${fields.length + 1}`, kind: 'material', maxScore: 10, weight: 0 })}>
                添加评分项
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="attachmentIds" label="方案附件（PDF）" style={{ marginTop: 16 }}>
          <PdfUpload purpose="plan" />
        </Form.Item>
        <Form.Item name="declarationIds" label="参评人员（资格复核通过、未列入其他方案）" rules={[{ required: true, type: 'array', min: 1, message: '请选择参评人员' }]} valuePropName="selectedRowKeys" trigger="onChange">
          <ParticipantPicker items={candidates?.items ?? []} loading={isFetching} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function ParticipantPicker({ items, loading, selectedRowKeys, onChange }: { items: Participant[]; loading: boolean; selectedRowKeys?: string[]; onChange?: (v: string[]) => void }) {
  return (
    <Table<Participant>
      size="small"
      rowKey="declarationId"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ y: 260 }}
      locale={{ emptyText: '请先选择申报批次；暂无可参评的申报' }}
      rowSelection={{ selectedRowKeys: selectedRowKeys ?? [], onChange: (keys) => onChange?.(keys as string[]) }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 100 },
        { title: '工作单位', dataIndex: 'unitName' },
        { title: '申报职称', dataIndex: 'titleName' },
        { title: '专业', dataIndex: 'professionCode', width: 90 },
      ]}
    />
  );
}
