import { useEffect } from 'react';
import { App, Button, Form, InputNumber, Typography } from 'antd';
import { SECURITY_POLICY_BOUNDS, type UpdateSecurityPolicyRequest } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useSecurityPolicy, useUpdateSecurityPolicy } from '../api';

const FIELDS: { name: keyof UpdateSecurityPolicyRequest; label: string; unit: string; help: string }[] = [
  { name: 'loginMaxFailures', label: '连续登录失败锁定次数', unit: '次', help: '密码或动态口令连续错误达到此次数后锁定账号' },
  { name: 'loginLockMinutes', label: '锁定时长', unit: '分钟', help: '锁定期间即使密码正确也不能登录' },
  { name: 'sessionIdleMinutes', label: '会话空闲超时', unit: '分钟', help: '超过此时长未操作，登录自动失效' },
  { name: 'sessionAbsoluteHours', label: '会话最长时长', unit: '小时', help: '自登录起超过此时长，无论是否操作都须重新登录' },
];

/** A-31 安全管理员: the security policy (login lockout, session timeouts); applies from the next sign-in or refresh. */
export function SecurityPolicyPage() {
  const { data } = useSecurityPolicy();
  const update = useUpdateSecurityPolicy();
  const [form] = Form.useForm<UpdateSecurityPolicyRequest>();
  const { message } = App.useApp();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  return (
    <PageContainer title="安全策略" description="登录失败锁定与会话超时策略，保存后对新的登录和续期立即生效。">
      <Section>
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 480 }}
          onFinish={(v) =>
            update.mutate(v, {
              onSuccess: () => {
                message.success('安全策略已保存');
              },
              onError: (e) => showError(e, form),
            })
          }
        >
          {FIELDS.map((f) => {
            const [min, max] = SECURITY_POLICY_BOUNDS[f.name];
            const message = `${f.label}应为 ${min}–${max} 之间的整数`;
            return (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.label}
                extra={`${f.help}（${min}–${max}${f.unit}${data ? `，默认 ${data.defaults[f.name]}${f.unit}` : ''}）`}
                rules={[
                  { required: true, message: `请输入${f.label}` },
                  { type: 'integer', min, max, message },
                ]}
              >
                <InputNumber min={min} max={max} precision={0} style={{ width: 200 }} />
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存
          </Button>
          {data?.updatedAt && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              最近修改：{new Date(data.updatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
            </Typography.Text>
          )}
        </Form>
      </Section>
    </PageContainer>
  );
}
