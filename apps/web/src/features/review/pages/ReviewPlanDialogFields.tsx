import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Switch, Table, Typography } from 'antd';
import { votePasses } from '@zhicheng/contracts';
import { chinaToday } from '../../../lib/format';
import type { ExpertActionRow, Participant, PlanDetail, PlanExpert } from '../api';

/** The fields of the plan page's dialogs (dates, numbers, votes), loaded when a dialog first opens. */
export type Dialog = 'audit' | 'interview' | 'close' | 'offline' | 'publicity' | 'filingAudit' | { decline: PlanExpert } | { rollback: ExpertActionRow } | null;

export function DialogFields({ dialog, plan }: { dialog: Dialog; plan: PlanDetail }) {
  if (dialog === 'audit' || dialog === 'filingAudit') {
    return (
      <>
        <Form.Item name="result" label={dialog === 'audit' ? '审核结果' : '备案结果'} rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'approve', label: dialog === 'audit' ? '审核通过' : '同意备案' }, { value: 'reject', label: '退回评委会' }]} />
        </Form.Item>
        {dialog === 'filingAudit' && (
          <Form.Item noStyle shouldUpdate={(a, b) => a.result !== b.result}>
            {({ getFieldValue }) =>
              getFieldValue('result') === 'approve' && (
                <>
                  <Form.Item name="docNo" label="备案文号" rules={[{ required: true, message: '请填写备案文号' }]}>
                    <Input maxLength={64} />
                  </Form.Item>
                  <Form.Item name="filedOn" label="备案日期" rules={[{ required: true, message: '请选择备案日期' }]}>
                    <DatePicker />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
        )}
        <Form.Item name="opinion" label="意见">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </>
    );
  }
  if (dialog === 'interview') {
    return (
      <>
        <Form.Item name="interviewAt" label="面试时间" rules={[{ required: true, message: '请选择面试时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(chinaToday(), 'day')} />
        </Form.Item>
        <Form.Item name="place" label="面试地点" rules={[{ required: true, min: 2, message: '请填写面试地点' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Text type="secondary">通知将以站内信、短信（及邮件）发送给全部 {plan.participants.length} 名参评人员。</Typography.Text>
      </>
    );
  }
  if (dialog === 'close') {
    const panel = plan.experts.filter((e) => e.role === 'panel');
    return (
      <>
        <Form.Item name="present" label="出席评委（须达到评委总数的三分之二）">
          <Checkbox.Group options={panel.map((e) => ({ value: e.expertId, label: e.name }))} />
        </Form.Item>
        <Typography.Text type="secondary">结束后按出席评委的投票计算结果：同意票达到出席人数三分之二的通过；结束后评委不能再修改。</Typography.Text>
      </>
    );
  }
  if (dialog === 'publicity') {
    return (
      <>
        <Form.Item name="days" label="公示天数（工作日，按工作日历不含法定节假日和周末）" rules={[{ required: true, message: '请填写公示天数' }]}>
          <InputNumber min={1} max={30} />
        </Form.Item>
        <Form.Item name="startsOn" label="公示开始日期（默认今天）">
          <DatePicker disabledDate={(d) => d.isBefore(chinaToday(), 'day')} />
        </Form.Item>
      </>
    );
  }
  if (dialog === 'offline') {
    return (
      <Table
        rowKey="declarationId"
        size="small"
        pagination={false}
        dataSource={plan.participants}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          ...(['present', 'agree', 'disagree', 'abstain'] as const).map((k) => ({
            title: { present: '出席', agree: '同意', disagree: '不同意', abstain: '弃权' }[k],
            key: k,
            render: (_: unknown, r: Participant) => (
              <Form.Item name={['items', r.declarationId, k]} noStyle rules={[{ required: true }]}>
                <InputNumber min={0} max={100} style={{ width: 70 }} />
              </Form.Item>
            ),
          })),
          {
            title: '结果',
            key: 'res',
            render: (_: unknown, r: Participant) => (
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const v = getFieldValue(['items', r.declarationId]) ?? {};
                  return <Switch size="small" disabled checked={votePasses(v.agree ?? 0, v.present ?? 0)} checkedChildren="通过" unCheckedChildren="未通过" />;
                }}
              </Form.Item>
            ),
          },
        ]}
      />
    );
  }
  if (dialog && ('decline' in dialog || 'rollback' in dialog)) {
    return (
      <Form.Item name="reason" label={'decline' in dialog ? '不能参加的原因（由下一位备选评委替补）' : '回退原因'} rules={[{ required: true, min: 2, message: '请填写原因（至少2个字）' }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    );
  }
  return null;
}
