import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { validateIdCard } from '@zhicheng/contracts';
import { required, ruleFrom } from '../../../lib/validators';
import { PageContainer } from '../../../components/PageContainer';

/**
 * Public certificate verification (证书查询). The form is here; the query service opens with the
 * certificate module, so the page says so instead of pretending to search.
 */
export function VerifyPage() {
  const [form] = Form.useForm();
  const [asked, setAsked] = useState(false);
  return (
    <div className="public-page">
      <PageContainer title="职称证书查询" description="输入持证人姓名和身份证号，核验电子职称证书的真伪。">
        <Alert
          type="warning"
          showIcon
          title="查询服务尚未开通"
          description="证书查询服务将随电子证书模块一同开放。目前系统尚未签发电子证书，提交查询暂不会返回结果。"
        />
        <Card variant="borderless">
          <Form form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={() => setAsked(true)}>
            <Form.Item name="name" label="姓名" rules={[required('请输入姓名')]}>
              <Input placeholder="持证人姓名" />
            </Form.Item>
            <Form.Item name="idCard" label="身份证号" rules={[required('请输入身份证号'), ruleFrom(validateIdCard)]}>
              <Input placeholder="18位居民身份证号" maxLength={18} />
            </Form.Item>
            <Form.Item name="certificateNo" label="证书编号（选填）">
              <Input placeholder="电子证书编号" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            {asked && (
              <Alert
                style={{ marginTop: 16 }}
                type="info"
                showIcon
                title="暂无法查询"
                description="证书查询服务尚未开通，开通后可在此核验证书。"
              />
            )}
          </Form>
        </Card>
      </PageContainer>
    </div>
  );
}
