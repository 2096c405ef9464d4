import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Flex, Form, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EDUCATION_LEVELS, PERSON_STATUSES, type EligibilityAnswers, type EligibilityResult, type PersonStatus } from '@zhicheng/contracts';
import { showError } from '../../lib/api';
import { checkEligibility } from './api';

interface Values {
  personStatus: PersonStatus;
  education?: (typeof EDUCATION_LEVELS)[number];
  graduationDate?: Dayjs;
  currentTitleDate?: Dayjs;
}

const fmt = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * H-14 申报条件自检, before the commitment letter: who may declare (人社部令第40号: no civil servants / 参公 staff, no
 * retired people, no one in a sanction's period) and the facts the qualifying years are counted from.
 */
export function EligibilityCheck({ batchId, onPass }: { batchId: string; onPass: (a: EligibilityAnswers) => void }) {
  const [form] = Form.useForm<Values>();
  const [refusals, setRefusals] = useState<EligibilityResult['refusals']>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    const answers: EligibilityAnswers = { personStatus: v.personStatus, education: v.education ?? null, graduationDate: fmt(v.graduationDate), currentTitleDate: fmt(v.currentTitleDate) };
    setBusy(true);
    try {
      // identity and sanctions do not depend on the series; the years are shown once the series and level are chosen
      const r = await checkEligibility({ batchId, answers });
      setRefusals(r.result.refusals);
      if (!r.result.refusals.length) onPass(answers);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto' }} data-testid="eligibility-check">
      <Typography.Title level={5} style={{ textAlign: 'center' }}>
        申报条件自检
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        根据《职称评审管理暂行规定》（人力资源社会保障部令第40号），公务员和参照公务员法管理的单位工作人员、离退休人员不得申报，受处分人员在处分期内不得申报。请如实填写以下信息，系统将按本批次的资历年限规则计算您的任职年限。
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ personStatus: 'professional' }} scrollToFirstError={{ focus: true }}>
        <Form.Item name="personStatus" label="人员身份" rules={[{ required: true, message: '请选择人员身份' }]}>
          <Radio.Group options={Object.entries(PERSON_STATUSES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="education" label="最高学历" rules={[{ required: true, message: '请选择最高学历' }]}>
              <Select placeholder="请选择" options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="graduationDate" label="毕业时间" rules={[{ required: true, message: '请选择毕业时间' }]}>
              <DatePicker style={{ width: '100%' }} maxDate={dayjs('2100-12-31')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="currentTitleDate" label="现职称取得时间" extra="首次申报职称可不填">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {refusals.map((r) => (
          <Alert key={r.code} type="error" showIcon style={{ marginBottom: 12 }} message="不符合申报条件" description={r.message} data-testid="eligibility-refusal" />
        ))}
        <Flex justify="center">
          <Button type="primary" htmlType="submit" loading={busy}>
            自检并继续
          </Button>
        </Flex>
      </Form>
    </Flex>
  );
}
