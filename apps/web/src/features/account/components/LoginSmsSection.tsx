import { useState } from 'react';
import { App, Form, Input, Modal, Switch, Typography } from 'antd';
import { Role, type CurrentUser } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { Section } from '../../../components/Section';
import { useSetLoginSms } from '../api';

/** Issue 13: 账号安全 — the hall's login asks for an SMS code after the password; switching needs the password. */
export function LoginSmsSection({ me }: { me: CurrentUser }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [target, setTarget] = useState<boolean | null>(null);
  const set = useSetLoginSms();
  if (me.role !== Role.Applicant) return null;

  const onOk = async () => {
    const { password } = await form.validateFields();
    try {
      await set.mutateAsync({ enabled: target === true, password });
      message.success(target ? '已开启登录短信验证' : '已关闭登录短信验证');
      setTarget(null);
      form.resetFields();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <Section title="账号安全">
      <Typography.Paragraph>
        登录短信验证：
        <Switch checked={me.loginSmsEnabled} disabled={!me.mobile} onChange={(v) => setTarget(v)} data-testid="login-sms-switch" aria-label="登录短信验证" />
      </Typography.Paragraph>
      <Typography.Text type="secondary">{me.mobile ? `开启后，登录时需输入发送至 ${me.mobile} 的短信验证码。` : '请先填写手机号码。'}</Typography.Text>
      <Modal
        open={target !== null}
        title={target ? '开启登录短信验证' : '关闭登录短信验证'}
        okText="确定"
        cancelText="取消"
        confirmLoading={set.isPending}
        onOk={() => void onOk()}
        onCancel={() => {
          setTarget(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="password" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Section>
  );
}
