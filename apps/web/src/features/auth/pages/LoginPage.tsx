import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { KeyOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorCode, LOGIN_SMS_RESEND_SECONDS, ROLE_CONSOLE, type LoginRequest, type TokenResponse } from '@zhicheng/contracts';
import { ApiError, showError } from '../../../lib/api';
import { homeOf, useAuth } from '../../../lib/auth';
import { CaptchaField, type CaptchaHandle } from '../../../components/CaptchaField';
import { authApi } from '../api';
import { AuthCard } from '../components/AuthCard';

interface MfaStep {
  mfaToken: string;
  setup?: { secret: string; otpauthUrl: string };
  /** Issue 13: the hall's SMS step — the code went to this masked mobile. */
  sms?: string;
}

/** Only same-site paths of the user's own console are followed after sign-in. */
function safeRedirect(redirect: string | null, session: TokenResponse): string {
  const home = homeOf(session.user.role);
  if (!redirect || !redirect.startsWith('/') || redirect.startsWith('//')) return home;
  const consoleKey = redirect.split('/')[1];
  if (consoleKey === ROLE_CONSOLE[session.user.role]) return redirect;
  return home;
}

/** H-02: 用户名/身份证号 + 密码 + 图形验证码; then a TOTP code when the account requires it. */
export function LoginPage() {
  const [form] = Form.useForm<LoginRequest>();
  const [mfaForm] = Form.useForm<{ code: string }>();
  const captchaRef = useRef<CaptchaHandle>(null);
  const [loading, setLoading] = useState(false);
  const [mfa, setMfa] = useState<MfaStep | null>(null);
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  const { user, ready, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  if (ready && user && !loading) return <Navigate to={homeOf(user.role)} replace />;

  const finish = (session: TokenResponse) => {
    signIn(session);
    navigate(safeRedirect(params.get('redirect'), session), { replace: true });
  };

  const onLogin = async (values: LoginRequest) => {
    setLoading(true);
    try {
      const res = await authApi.login({ ...values, username: values.username.trim(), captchaId: captchaRef.current?.captchaId() ?? '' });
      if (res.mfaRequired) {
        setMfa({ mfaToken: res.mfaToken, setup: res.mfaSetup, sms: res.secondFactor === 'sms' ? res.maskedMobile : undefined });
        if (res.secondFactor === 'sms') setWait(LOGIN_SMS_RESEND_SECONDS);
        setLoading(false);
      } else {
        finish(res);
      }
    } catch (e) {
      setLoading(false);
      captchaRef.current?.refresh();
      if (e instanceof ApiError && (e.code === ErrorCode.BadCredentials || e.code === ErrorCode.AccountLocked)) {
        form.setFields([{ name: 'password', errors: [e.message], value: '' }]);
        form.scrollToField('password', { focus: true });
      } else {
        showError(e, form);
      }
    }
  };

  const onMfa = async ({ code }: { code: string }) => {
    if (!mfa) return;
    setLoading(true);
    try {
      finish(await authApi.mfa({ mfaToken: mfa.mfaToken, code: code.trim() }));
    } catch (e) {
      setLoading(false);
      if (e instanceof ApiError && e.code === ErrorCode.MfaInvalid && e.message.includes('重新登录')) {
        setMfa(null);
        captchaRef.current?.refresh();
      }
      if (e instanceof ApiError && !e.fields) {
        mfaForm.setFields([{ name: 'code', errors: [e.message] }]);
      } else {
        showError(e, mfaForm);
      }
    }
  };

  const onResend = async () => {
    if (!mfa) return;
    try {
      await authApi.mfaResend({ mfaToken: mfa.mfaToken });
      setWait(LOGIN_SMS_RESEND_SECONDS);
    } catch (e) {
      showError(e, mfaForm);
    }
  };

  if (mfa?.sms) {
    return (
      <AuthCard title="短信验证" subtitle={`验证码已发送至 ${mfa.sms}，5分钟内有效。`}>
        <Form form={mfaForm} layout="vertical" onFinish={onMfa} requiredMark={false}>
          <Form.Item
            name="code"
            label="短信验证码"
            rules={[
              { required: true, message: '请输入短信验证码' },
              { pattern: /^\d{6}$/, message: '短信验证码为6位数字' },
            ]}
          >
            <Input size="large" prefix={<KeyOutlined />} placeholder="6位数字" maxLength={6} inputMode="numeric" autoComplete="one-time-code" autoFocus data-testid="sms-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={loading}>
            验证并登录
          </Button>
          <Button block style={{ marginTop: 8 }} disabled={wait > 0} onClick={() => void onResend()}>
            {wait > 0 ? `重新发送（${wait}秒）` : '重新发送'}
          </Button>
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => setMfa(null)}>
            返回重新登录
          </Button>
        </Form>
      </AuthCard>
    );
  }

  if (mfa) {
    return (
      <AuthCard title="动态口令验证" subtitle="管理员账号需要第二重验证，请输入身份验证器中的6位动态口令。">
        {mfa.setup && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="首次启用双因素认证"
            description={
              <div>
                <div>请在身份验证器（如 Google Authenticator、Microsoft Authenticator）中添加以下密钥：</div>
                <Typography.Text code copyable data-testid="mfa-secret">
                  {mfa.setup.secret}
                </Typography.Text>
                <div style={{ marginTop: 8 }}>或导入以下地址：</div>
                <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                  {mfa.setup.otpauthUrl}
                </Typography.Text>
              </div>
            }
          />
        )}
        <Form form={mfaForm} layout="vertical" onFinish={onMfa} requiredMark={false}>
          <Form.Item
            name="code"
            label="动态口令"
            rules={[
              { required: true, message: '请输入动态口令' },
              { pattern: /^\d{6}$/, message: '动态口令为6位数字' },
            ]}
          >
            <Input size="large" prefix={<KeyOutlined />} placeholder="6位数字" maxLength={6} inputMode="numeric" autoComplete="one-time-code" autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={loading}>
            验证并登录
          </Button>
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => setMfa(null)}>
            返回重新登录
          </Button>
        </Form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="用户登录" subtitle="申报人、单位及各级管理部门统一登录入口">
      <Form form={form} layout="vertical" onFinish={onLogin} requiredMark={false} scrollToFirstError={{ focus: true }}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名或身份证号' }]}>
          <Input size="large" prefix={<UserOutlined />} placeholder="用户名或身份证号" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password size="large" prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
        </Form.Item>
        <CaptchaField ref={captchaRef} size="large" />
        <Flex justify="space-between" style={{ marginBottom: 16 }}>
          <Link to="/forgot-password">忘记密码？</Link>
          <Link to="/forgot-password?tab=username">忘记用户名？</Link>
        </Flex>
        <Button type="primary" htmlType="submit" size="large" block loading={loading}>
          登录
        </Button>
      </Form>
      <Flex justify="center" gap={16} style={{ marginTop: 20 }}>
        <span>
          还没有账号？<Link to="/register">个人注册</Link>
        </span>
        <Link to="/register-unit">单位注册</Link>
      </Flex>
    </AuthCard>
  );
}
