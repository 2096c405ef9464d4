import { useRef, useState } from 'react';
import { Button, Col, Form, Input, Result, Row } from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  normalizeIdCard,
  validateEmail,
  validateIdCard,
  validateMobile,
  validatePassword,
  validateUsername,
  type CurrentUser,
  type RegisterPersonRequest,
} from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { CaptchaField, type CaptchaHandle } from '../../../components/CaptchaField';
import { authApi } from '../api';
import { AuthCard } from '../components/AuthCard';

type Values = RegisterPersonRequest & { confirmPassword: string };

/** H-01: personal registration with the ID card number; name and ID number cannot be changed later. */
export function RegisterPage() {
  const [form] = Form.useForm<Values>();
  const captchaRef = useRef<CaptchaHandle>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState<CurrentUser | null>(null);
  const navigate = useNavigate();

  const onFinish = async ({ confirmPassword: _c, ...v }: Values) => {
    setLoading(true);
    try {
      const user = await authApi.register({
        ...v,
        realName: v.realName.trim(),
        idCard: normalizeIdCard(v.idCard),
        username: v.username?.trim() || undefined,
        contactPerson: v.contactPerson?.trim() || undefined,
        contactPhone: v.contactPhone?.trim() || undefined,
        captchaId: captchaRef.current?.captchaId() ?? '',
      });
      setDone(user);
    } catch (e) {
      captchaRef.current?.refresh();
      showError(e, form);
    } finally {
      setLoading(false);
    }
  };

  if (done) {
    return (
      <AuthCard title="个人注册" width={560}>
        <Result
          status="success"
          title="注册成功"
          subTitle={`您的登录用户名为 ${done.username}，也可以使用身份证号登录。`}
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
    <AuthCard title="个人注册" subtitle="请如实填写本人信息。姓名和身份证号注册后不可修改。" width={720}>
      <Form form={form} layout="vertical" onFinish={onFinish} scrollToFirstError={{ focus: true, block: 'center' }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="realName" label="真实姓名" rules={[required('请输入真实姓名'), { max: 32, message: '姓名不能超过32个字符' }]}>
              <Input placeholder="与身份证一致" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="idCard" label="身份证号" validateTrigger="onBlur" rules={[required('请输入身份证号'), ruleFrom(validateIdCard)]}>
              <Input placeholder="18位居民身份证号" maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="username" label="用户名" extra="选填，不填则以身份证号作为用户名" rules={[ruleFrom(validateUsername, { optional: true })]}>
              <Input placeholder="4至32位字母、数字或下划线" autoComplete="username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mobile" label="手机号码" rules={[required('请输入手机号码'), ruleFrom(validateMobile)]}>
              <Input placeholder="11位手机号码" maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }, ruleFrom(validatePassword)]}>
              <Input.Password placeholder="至少8位，含大写、小写、数字、符号中的三种" autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="confirmPassword"
              label="确认密码"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: async (_r, v) => {
                    if (v && v !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
                  },
                }),
              ]}
            >
              <Input.Password placeholder="再次输入密码" autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label="电子邮箱" rules={[required('请输入电子邮箱'), ruleFrom(validateEmail)]}>
              <Input placeholder="用于接收通知和找回密码" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPerson" label="联系人" rules={[{ max: 32, message: '联系人不能超过32个字符' }]}>
              <Input placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label="联系电话" rules={[{ max: 32, message: '联系电话不能超过32个字符' }]}>
              <Input placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <CaptchaField ref={captchaRef} />
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" block loading={loading}>
          注册
        </Button>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          已有账号？<Link to="/login">立即登录</Link>　·　<Link to="/register-unit">单位注册</Link>
        </div>
      </Form>
    </AuthCard>
  );
}
