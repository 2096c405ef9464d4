import { useRef, useState } from 'react';
import { Alert, Button, Form, Input, Radio, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { normalizeIdCard, validateIdCard, type RecoverPasswordRequest, type RecoverUsernameRequest } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { CaptchaField, type CaptchaHandle } from '../../../components/CaptchaField';
import { authApi } from '../api';
import { AuthCard } from '../components/AuthCard';

const CHANNELS = [
  { value: 'sms', label: '短信' },
  { value: 'email', label: '电子邮箱' },
];

function RecoverPasswordForm() {
  const [form] = Form.useForm<RecoverPasswordRequest>();
  const captchaRef = useRef<CaptchaHandle>(null);
  const [loading, setLoading] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const onFinish = async (v: RecoverPasswordRequest) => {
    setLoading(true);
    try {
      const res = await authApi.recoverPassword({ ...v, username: v.username.trim(), captchaId: captchaRef.current?.captchaId() ?? '' });
      setSent(res.message);
    } catch (e) {
      showError(e, form);
    } finally {
      captchaRef.current?.refresh();
      setLoading(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ channel: 'sms' }} scrollToFirstError={{ focus: true }}>
      {sent && <Alert type="success" showIcon title={sent} description="请在30分钟内打开链接设置新密码。" style={{ marginBottom: 16 }} />}
      <Form.Item name="username" label="用户名" rules={[required('请输入用户名或身份证号')]}>
        <Input placeholder="用户名或身份证号" />
      </Form.Item>
      <Form.Item name="channel" label="接收方式">
        <Radio.Group options={CHANNELS} />
      </Form.Item>
      <CaptchaField ref={captchaRef} />
      <Button type="primary" htmlType="submit" block loading={loading}>
        发送重置链接
      </Button>
    </Form>
  );
}

function RecoverUsernameForm() {
  const [form] = Form.useForm<RecoverUsernameRequest>();
  const captchaRef = useRef<CaptchaHandle>(null);
  const [loading, setLoading] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const onFinish = async (v: RecoverUsernameRequest) => {
    setLoading(true);
    try {
      const res = await authApi.recoverUsername({
        ...v,
        realName: v.realName.trim(),
        idCard: normalizeIdCard(v.idCard),
        captchaId: captchaRef.current?.captchaId() ?? '',
      });
      setSent(res.message);
    } catch (e) {
      showError(e, form);
    } finally {
      captchaRef.current?.refresh();
      setLoading(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ channel: 'sms' }} scrollToFirstError={{ focus: true }}>
      {sent && <Alert type="success" showIcon title={sent} style={{ marginBottom: 16 }} />}
      <Form.Item name="realName" label="真实姓名" rules={[required('请输入真实姓名')]}>
        <Input />
      </Form.Item>
      <Form.Item name="idCard" label="身份证号" validateTrigger="onBlur" rules={[required('请输入身份证号'), ruleFrom(validateIdCard)]}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="channel" label="接收方式">
        <Radio.Group options={CHANNELS} />
      </Form.Item>
      <CaptchaField ref={captchaRef} />
      <Button type="primary" htmlType="submit" block loading={loading}>
        发送用户名
      </Button>
    </Form>
  );
}

/** H-02: recover the password (reset link by SMS or e-mail) or the login name. */
export function ForgotPasswordPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'username' ? 'username' : 'password';
  return (
    <AuthCard title="找回账号" subtitle="通过注册时绑定的手机或邮箱找回。">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'username' ? { tab: 'username' } : {}, { replace: true })}
        items={[
          { key: 'password', label: '找回密码', children: <RecoverPasswordForm /> },
          { key: 'username', label: '找回用户名', children: <RecoverUsernameForm /> },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/login">返回登录</Link>
      </div>
    </AuthCard>
  );
}
