import { Alert, App, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { validatePassword, type ChangePasswordRequest } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { useAuth, useCurrentUser } from '../../../lib/auth';
import { ruleFrom } from '../../../lib/validators';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { accountApi } from '../api';

/** 修改密码: all sessions end afterwards, so the user signs in again with the new password. */
export function ChangePasswordPage() {
  const [form] = Form.useForm<ChangePasswordRequest & { confirm: string }>();
  const { message } = App.useApp();
  const { signOut } = useAuth();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const change = useMutation({ mutationFn: accountApi.changePassword });

  return (
    <PageContainer title="修改密码" description="修改成功后需使用新密码重新登录。">
      <Section>
        {user.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16, maxWidth: 480 }}
            title="首次登录，请先修改初始密码"
            description="您的账号由管理员创建，初始密码仅供首次登录使用。修改后请用新密码重新登录，即可使用系统的其他功能。"
          />
        )}
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 480 }}
          scrollToFirstError={{ focus: true }}
          onFinish={({ oldPassword, newPassword }) =>
            change.mutate(
              { oldPassword, newPassword },
              {
                onSuccess: () => {
                  message.success('密码已修改，请重新登录');
                  signOut().then(
                    () => navigate('/login', { replace: true }),
                    (e) => showError(e),
                  );
                },
                onError: (e) => showError(e, form),
              },
            )
          }
        >
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }, ruleFrom(validatePassword)]}>
            <Input.Password autoComplete="new-password" placeholder="至少8位，含大写、小写、数字、符号中的三种；不能是常见密码或含用户名、姓名拼音、证件号" />
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
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            确认修改
          </Button>
        </Form>
      </Section>
    </PageContainer>
  );
}
