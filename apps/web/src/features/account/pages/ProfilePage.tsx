import { useEffect } from 'react';
import { App, Button, Descriptions, Form, Input, Skeleton } from 'antd';
import { ADMIN_LEVEL_LABELS, ORG_TYPE_LABELS, ROLE_LABELS, validateEmail, validateMobile, type UpdateProfileRequest } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useMe, useUpdateProfile } from '../api';
import { SessionsSection } from '../components/SessionsSection';
import { LoginSmsSection } from '../components/LoginSmsSection';

/** H-02 / U-11: 个人信息. Name and ID number are read-only; contact details are editable. */
export function ProfilePage() {
  const { data: me, isLoading } = useMe();
  const update = useUpdateProfile();
  const [form] = Form.useForm<UpdateProfileRequest>();
  const { message } = App.useApp();

  useEffect(() => {
    if (me) form.setFieldsValue({ email: me.email ?? '', contactPerson: me.contactPerson ?? '', contactPhone: me.contactPhone ?? '', mobile: '' });
  }, [me, form]);

  const onFinish = (v: UpdateProfileRequest) => {
    const body: UpdateProfileRequest = {
      email: v.email?.trim(),
      contactPerson: v.contactPerson?.trim() ?? '',
      contactPhone: v.contactPhone?.trim() ?? '',
      ...(v.mobile?.trim() ? { mobile: v.mobile.trim() } : {}),
    };
    update.mutate(body, {
      onSuccess: () => {
        message.success('个人信息已保存');
        form.setFieldValue('mobile', '');
      },
      onError: (e) => showError(e, form),
    });
  };

  return (
    <PageContainer title="个人信息" description="姓名和身份证号不可修改；如需更正请联系所在地职称管理部门。">
      <Section title="基本信息">
        {isLoading || !me ? (
          <Skeleton active />
        ) : (
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
            <Descriptions.Item label="姓名">{me.realName}</Descriptions.Item>
            <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
            {me.idCard && <Descriptions.Item label="身份证号">{me.idCard}</Descriptions.Item>}
            <Descriptions.Item label="角色">{ROLE_LABELS[me.role]}</Descriptions.Item>
            <Descriptions.Item label="手机号码">{me.mobile || '—'}</Descriptions.Item>
            {me.organisation && (
              <Descriptions.Item label="所属机构">
                {me.organisation.name}（{ORG_TYPE_LABELS[me.organisation.type]}
                {me.organisation.level ? ' · ' + ADMIN_LEVEL_LABELS[me.organisation.level] : ''}）
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Section>
      <Section title="联系方式">
        <Form form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={onFinish} scrollToFirstError={{ focus: true }}>
          <Form.Item name="email" label="电子邮箱" rules={[required('请输入电子邮箱'), ruleFrom(validateEmail)]}>
            <Input />
          </Form.Item>
          <Form.Item name="mobile" label="新手机号码" extra="不修改请留空" rules={[ruleFrom(validateMobile, { optional: true })]}>
            <Input maxLength={11} placeholder={me?.mobile ? `当前：${me.mobile}` : '11位手机号码'} />
          </Form.Item>
          <Form.Item name="contactPerson" label="联系人" rules={[{ max: 32, message: '联系人不能超过32个字符' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ max: 32, message: '联系电话不能超过32个字符' }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存
          </Button>
        </Form>
      </Section>
      {me && <LoginSmsSection me={me} />}
      <SessionsSection />
    </PageContainer>
  );
}
