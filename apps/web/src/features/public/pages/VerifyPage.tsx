import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Descriptions, Form, Input, Space } from 'antd';
import { Panel } from '../../../components/Panel';
import type { OfflineResult } from '../../certificate/offline/offline-verify';
import { validateIdCard } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { PageContainer } from '../../../components/PageContainer';
import { verifyByCode, verifyCertificate, verifyGrant, type GrantVerification, type PublicCertificate } from '../../certificate/api';
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

  // H-15: a third party verifies with the holder's grant code (or the grant's QR link `?grant=`).
  const [grantCode, setGrantCode] = useState(params.get('grant') ?? '');
  const [grantResult, setGrantResult] = useState<GrantVerification | null>(null);
  const checkGrant = (c: string) =>
    verifyGrant(c.trim())
      .then(setGrantResult)
      .catch((e) => showError(e));
  useEffect(() => {
    const g = params.get('grant');
    if (g) void checkGrant(g);
  }, []);

  // P-05: the QR's signed payload (URL fragment, never sent to the server) is checked here, offline once loaded.
  const [offline, setOffline] = useState<OfflineResult | null>(null);
  const [qrInput, setQrInput] = useState('');
  const checkOffline = (text: string) =>
    import('../../certificate/offline/offline-verify')
      .then(async (m) => setOffline(await m.verifyQrOffline(text, await m.loadKeys())))
      .catch((e) => showError(e));
  useEffect(() => {
    if (window.location.hash.startsWith('#zc1.')) void checkOffline(window.location.hash);
    // Keys, revocation list and the SM2 code are fetched now, so the check works once the network is gone.
    else void import('../../certificate/offline/offline-verify').then((m) => m.preload()).catch(() => undefined);
  }, []);

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
        <Panel>
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
        </Panel>
        <Panel title="凭授权核验码核验" style={{ marginTop: 16 }}>
          <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
            <Input aria-label="授权核验码" value={grantCode} onChange={(e) => setGrantCode(e.target.value)} placeholder="持证人提供的核验码" maxLength={16} />
            <Button type="primary" onClick={() => void checkGrant(grantCode)} disabled={!grantCode.trim()}>
              核验
            </Button>
          </Space.Compact>
          {grantResult && (
            <div data-testid="grant-result" style={{ marginTop: 12 }}>
              <Alert
                type={grantResult.state === 'valid' ? 'success' : 'error'}
                showIcon
                title={grantResult.message}
                description={grantResult.purpose ? `授权用途：${grantResult.purpose}${grantResult.validUntil ? `；有效期至 ${grantResult.validUntil.slice(0, 10)}` : ''}` : undefined}
              />
              {grantResult.certificate && <CertificateResult c={grantResult.certificate} />}
            </div>
          )}
        </Panel>
        <Panel title="离线核验二维码" style={{ marginTop: 16 }}>
          <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
            <Input.TextArea
              aria-label="二维码内容"
              value={qrInput}
              onChange={(e) => setQrInput(e.target.value)}
              placeholder="粘贴电子证书二维码的内容，无需联网即可核验其 SM2 签名"
              autoSize={{ minRows: 2, maxRows: 4 }}
            />
            <Button onClick={() => void checkOffline(qrInput)} disabled={!qrInput.trim()}>
              离线核验
            </Button>
          </Space.Compact>
        </Panel>
        {offline && <OfflineResultCard r={offline} />}
        {items !== null && items.length === 0 && (
          <Alert style={{ marginTop: 16 }} type="warning" showIcon title="未查询到证书" description="未找到与所填信息一致的职称证书，请核对姓名、身份证号和证书编号。" />
        )}
        {items?.map((c) => <CertificateResult key={c.certificateNo} c={c} />)}
      </PageContainer>
    </div>
  );
}

function OfflineResultCard({ r }: { r: OfflineResult }) {
  const good = r.signatureValid && r.revoked !== true;
  return (
    <Panel data-testid="offline-result" title="离线核验结果（二维码签名）" style={{ marginTop: 16 }}>
      <Alert
        type={good ? 'success' : 'error'}
        showIcon
        title={!r.signatureValid ? '二维码签名无效' : r.revoked ? '证书已撤销' : '二维码签名有效'}
        description={
          r.problem ??
          (r.revoked
            ? `该证书列于平台的撤销清单（${r.listTime?.slice(0, 10)}）中。`
            : `数据由平台的 SM2 电子签章密钥签名${r.listTime ? `，未列于撤销清单（${r.listTime.slice(0, 10)}）` : ''}；证书当前状态以联网核验为准。`)
        }
      />
      {r.data && (
        <Descriptions style={{ marginTop: 12 }} column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="证书编号">{r.data.certificateNo}</Descriptions.Item>
          <Descriptions.Item label="姓名">{r.data.holderName}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{r.data.maskedIdCard}</Descriptions.Item>
          <Descriptions.Item label="职称名称">{r.data.titleName}</Descriptions.Item>
          <Descriptions.Item label="级别">{r.data.levelLabel}</Descriptions.Item>
          <Descriptions.Item label="发证单位">{r.data.issuerName}</Descriptions.Item>
          <Descriptions.Item label="发证日期">{r.data.issueDate}</Descriptions.Item>
        </Descriptions>
      )}
    </Panel>
  );
}
