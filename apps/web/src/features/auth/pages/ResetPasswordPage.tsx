import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { validatePassword } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { ruleFrom } from '../../../lib/validators';
import { authApi } from '../api';
import { AuthCard } from '../components/AuthCard';

/** Sets a new password with the one-time link sent by 找回密码. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const navigate = useNavigate();

  if (done) {
    return (
      <AuthCard title="重置密码">
        <Result
          status="success"
          title="密码已重置"
          subTitle="请使用新密码登录。"
          extra={
            <Button type="primary" onClick={() => navigate('/login')}>
              去登录
            </Button>
          }
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="重置密码" subtitle="请设置新的登录密码。">
      {!token ? (
        <Alert
          type="error"
          showIcon
          title="重置链接无效"
          description={
            <span>
              链接缺少必要参数，请重新<Link to="/forgot-password">找回密码</Link>。
            </span>
          }
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          scrollToFirstError={{ focus: true }}
          onFinish={async ({ newPassword }) => {
            setLoading(true);
            try {
              await authApi.resetPassword({ token, newPassword });
              setDone(true);
            } catch (e) {
              showError(e, form);
            } finally {
              setLoading(false);
            }
          }}
        >
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }, ruleFrom(validatePassword)]}>
            <Input.Password autoComplete="new-password" placeholder="至少8位，含大写、小写、数字、符号中的三种" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: async (_r, v) => {
                  if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={loading}>
            确认重置
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
