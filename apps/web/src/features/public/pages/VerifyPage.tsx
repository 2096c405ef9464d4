import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input } from 'antd';
import { validateIdCard } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { PageContainer } from '../../../components/PageContainer';
import { verifyByCode, verifyCertificate, type PublicCertificate } from '../../certificate/api';
import { CertificateResult } from '../../certificate/pages/CertificateResult';

interface VerifyForm {
  name: string;
  idCard: string;
  certificateNo?: string;
  verificationCode?: string;
}

/**
 * P-01 public certificate verification (证书查询): name + ID number (optionally a number or the verification
 * code), or the QR link `?code=` from an e-certificate. Answers show the minimum: masked ID, status, signature check.
 */
export function VerifyPage() {
  const [form] = Form.useForm<VerifyForm>();
  const [params] = useSearchParams();
  const code = params.get('code');
  const [items, setItems] = useState<PublicCertificate[] | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!code) return;
    setLoading(true);
    verifyByCode(code)
      .then((r) => setItems(r.items))
      .catch((e) => showError(e))
      .finally(() => setLoading(false));
  }, [code]);

  const submit = async (v: VerifyForm) => {
    setLoading(true);
    try {
      const r = await verifyCertificate({
        name: v.name.trim(),
        idCard: v.idCard.trim().toUpperCase(),
        certificateNo: v.certificateNo?.trim() || undefined,
        verificationCode: v.verificationCode?.trim() || undefined,
      });
      setItems(r.items);
    } catch (e) {
      showError(e, form);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="public-page">
      <PageContainer title="职称证书查询" description="输入持证人姓名和身份证号，核验电子职称证书的真伪；扫描证书上的二维码可直接核验。">
        <Card variant="borderless">
          <Form form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={submit}>
            <Form.Item name="name" label="姓名" rules={[required('请输入姓名')]}>
              <Input placeholder="持证人姓名" maxLength={32} />
            </Form.Item>
            <Form.Item name="idCard" label="身份证号" rules={[required('请输入身份证号'), ruleFrom(validateIdCard)]}>
              <Input placeholder="18位居民身份证号" maxLength={18} />
            </Form.Item>
            <Form.Item name="certificateNo" label="证书编号（选填）">
              <Input placeholder="电子证书编号" maxLength={32} />
            </Form.Item>
            <Form.Item name="verificationCode" label="验证码（选填）">
              <Input placeholder="证书上的12位验证码" maxLength={16} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={loading}>
              查询
            </Button>
          </Form>
        </Card>
        {items !== null && items.length === 0 && (
          <Alert style={{ marginTop: 16 }} type="warning" showIcon title="未查询到证书" description="未找到与所填信息一致的职称证书，请核对姓名、身份证号和证书编号。" />
        )}
        {items?.map((c) => <CertificateResult key={c.certificateNo} c={c} />)}
      </PageContainer>
    </div>
  );
}
