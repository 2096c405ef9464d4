import { Descriptions, Space, Tag } from 'antd';
import { Panel } from '../../../components/Panel';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import type { PublicCertificate } from '../api';

/** One verified certificate: status (有效/已撤销) and whether its signed data checks out. */
export function CertificateResult({ c }: { c: PublicCertificate }) {
  return (
    <Panel
      data-testid="certificate-result"
      title={`${c.titleName}（${c.titleLevel}）`}
      extra={
        <Space>
          <Tag color={c.status === 'valid' ? 'green' : 'red'}>{c.statusLabel}</Tag>
          <Tag color={c.signatureValid ? 'blue' : 'red'} icon={c.signatureValid ? <CheckCircleOutlined /> : <CloseCircleOutlined />}>
            {c.signatureLabel}
          </Tag>
        </Space>
      }
      style={{ marginTop: 16 }}
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label="姓名">{c.holderName}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{c.holderIdCard}</Descriptions.Item>
        <Descriptions.Item label="证书编号">{c.certificateNo}</Descriptions.Item>
        <Descriptions.Item label="专业">{c.professionName}</Descriptions.Item>
        <Descriptions.Item label="取得资格时间">{c.qualificationDate}</Descriptions.Item>
        <Descriptions.Item label="批准文号">{c.approvalDocNo}</Descriptions.Item>
        <Descriptions.Item label="评审委员会" span={2}>{c.committeeName}</Descriptions.Item>
        <Descriptions.Item label="发证单位">{c.issuerName}</Descriptions.Item>
        <Descriptions.Item label="发证日期">{c.issueDate}</Descriptions.Item>
        {c.status === 'revoked' && <Descriptions.Item label="撤销日期">{c.revokedAt ?? ''}</Descriptions.Item>}
      </Descriptions>
    </Panel>
  );
}
