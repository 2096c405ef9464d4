import { useRef, useState } from 'react';
import { Button, Col, Divider, Form, Input, Result, Row, Select } from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  UNIT_NATURE_LABELS,
  validateCreditCode,
  validateEmail,
  validateMobile,
  validatePassword,
  validateUsername,
  type RegisterUnitRequest,
} from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { CaptchaField, type CaptchaHandle } from '../../../components/CaptchaField';
import { authApi } from '../api';
import { AuthCard } from '../components/AuthCard';
import { RegionCascader } from '../../../components/RegionCascader';

type Values = RegisterUnitRequest & { confirmPassword: string };

/** U-01: a unit registers itself and its operator account. */
export function RegisterUnitPage() {
  const [form] = Form.useForm<Values>();
  const captchaRef = useRef<CaptchaHandle>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const navigate = useNavigate();

  const onFinish = async ({ confirmPassword: _c, ...v }: Values) => {
    setLoading(true);
    try {
      const user = await authApi.registerUnit({
        ...v,
        unitName: v.unitName.trim(),
        creditCode: v.creditCode.trim().toUpperCase(),
        contactName: v.contactName.trim(),
        captchaId: captchaRef.current?.captchaId() ?? '',
      });
      setDone(user.username);
    } catch (e) {
      captchaRef.current?.refresh();
      showError(e, form);
    } finally {
      setLoading(false);
    }
  };

  if (done) {
    return (
      <AuthCard title="单位注册" width={560}>
        <Result
          status="success"
          title="单位注册成功"
          subTitle={`经办人用户名为 ${done}。单位开展职称工作前，需登录后提交权限申请，经所在地职称管理部门审核通过。`}
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
    <AuthCard title="单位注册" subtitle="用人单位注册后由经办人登录办理职称业务。" width={760}>
      <Form form={form} layout="vertical" onFinish={onFinish} scrollToFirstError={{ focus: true, block: 'center' }}>
        <Divider titlePlacement="start" plain>
          单位信息
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unitName" label="单位名称" rules={[required('请输入单位名称'), { max: 100, message: '单位名称不能超过100个字符' }]}>
              <Input placeholder="与营业执照或法人证书一致" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditCode" label="统一社会信用代码" validateTrigger="onBlur" rules={[required('请输入统一社会信用代码'), ruleFrom(validateCreditCode)]}>
              <Input placeholder="18位统一社会信用代码" maxLength={18} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="regionCode"
              label="所在地区"
              rules={[{ required: true, message: '请选择所在地区' }]}
            >
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nature" label="单位性质" rules={[{ required: true, message: '请选择单位性质' }]}>
              <Select placeholder="请选择" options={Object.entries(UNIT_NATURE_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          经办人信息
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label="经办人姓名" rules={[required('请输入联系人'), { max: 32, message: '姓名不能超过32个字符' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactMobile" label="手机号码" rules={[required('请输入手机号码'), ruleFrom(validateMobile)]}>
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label="电子邮箱" rules={[required('请输入电子邮箱'), ruleFrom(validateEmail)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="username" label="用户名" rules={[required('请输入用户名'), ruleFrom(validateUsername)]}>
              <Input placeholder="4至32位字母、数字或下划线" autoComplete="username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }, ruleFrom(validatePassword)]}>
              <Input.Password autoComplete="new-password" placeholder="至少8位，含大写、小写、数字、符号中的三种" />
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
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <CaptchaField ref={captchaRef} />
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" block loading={loading}>
          提交注册
        </Button>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          已有账号？<Link to="/login">立即登录</Link>　·　<Link to="/register">个人注册</Link>
        </div>
      </Form>
    </AuthCard>
  );
}
