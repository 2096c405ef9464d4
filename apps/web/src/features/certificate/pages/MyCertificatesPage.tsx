import { Button, Card, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { PageContainer } from '../../../components/PageContainer';
import { downloadFile, showError } from '../../../lib/api';
import { previewPdf, useMyCertificates } from '../api';
import { GrantButton, VerificationPanel } from './VerificationGrants';

/** H-12 我的证书: the applicant's certificates, preview and download of the e-certificate PDF. */
export function MyCertificatesPage() {
  const { data, isLoading } = useMyCertificates();
  return (
    <PageContainer title="我的证书" description="您取得的职称证书；电子证书为加盖 SM2 电子印章的 OFD 文件（另附 PDF 版本），证书上的二维码含签名数据，可离线核验真伪。">
      {isLoading && <Spin />}
      {data && data.items.length === 0 && <Empty description="暂无证书" />}
      {data?.items.map((c) => (
        <Card
          key={c.id}
          data-testid="my-certificate"
          title={`${c.titleName}（${c.titleLevelLabel}）`}
          style={{ marginBottom: 16 }}
          extra={
            <Space>
              <Tag color={c.status === 'valid' ? 'green' : 'red'}>{c.status === 'valid' ? '有效' : '已撤销'}</Tag>
              {c.hasECertificate && (
                <>
                  <Button icon={<EyeOutlined />} onClick={() => previewPdf(`/me/certificates/${c.id}/pdf`).catch((e) => showError(e))}>
                    预览
                  </Button>
                  <Button icon={<DownloadOutlined />} onClick={() => downloadFile(`/me/certificates/${c.id}/pdf`, { download: 1 }, `职称证书-${c.certificateNo}.pdf`).catch((e) => showError(e))}>
                    下载电子证书（PDF）
                  </Button>
                  <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => downloadFile(`/me/certificates/${c.id}/ofd`, {}, `职称证书-${c.certificateNo}.ofd`).catch((e) => showError(e))}>
                    下载 OFD 电子证书
                  </Button>
                  <GrantButton c={c} />
                </>
              )}
            </Space>
          }
        >
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label="证书编号">{c.certificateNo}</Descriptions.Item>
            <Descriptions.Item label="验证码">{c.verificationCode}</Descriptions.Item>
            <Descriptions.Item label="专业">{c.professionName}</Descriptions.Item>
            <Descriptions.Item label="取得资格时间">{c.qualificationDate}</Descriptions.Item>
            <Descriptions.Item label="批准文号">{c.approvalDocNo}</Descriptions.Item>
            <Descriptions.Item label="发证日期">{c.issueDate}</Descriptions.Item>
            <Descriptions.Item label="评审委员会">{c.committeeName}</Descriptions.Item>
            <Descriptions.Item label="发证单位">{c.issuerName}</Descriptions.Item>
            {c.status === 'revoked' && <Descriptions.Item label="撤销原因">{c.revokeReason}</Descriptions.Item>}
            {c.qrText && (
              <Descriptions.Item label="二维码内容" span={2}>
                <Typography.Text data-testid="qr-text" copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                  {c.qrText}
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      ))}
      {data && data.items.length > 0 && <VerificationPanel />}
    </PageContainer>
  );
}
