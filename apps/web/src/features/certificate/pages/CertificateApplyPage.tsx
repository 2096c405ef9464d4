import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  documentSlotsOf,
  REISSUE_BUSINESS_TYPE_LABELS,
  REISSUE_DECLARE_TYPE_LABELS,
  TITLE_LEVEL_LABELS,
  validateApplicationDocuments,
  type CertificateApplicationKind,
} from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDate } from '../../../lib/format';
import { useIssuers, useMyApplications, useMyCertificates, useSubmitApplication, useTitleSeries, type CertificateApplicationItem, type CertificateItem } from '../api';
import { DocumentSlotInput } from './DocumentSlotInput';

const STATUS = { submitted: { label: '待审核', color: 'blue' }, approved: { label: '已通过', color: 'green' }, rejected: { label: '已退回', color: 'red' } } as const;
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

interface ApplyForm {
  certificateNo?: string;
  seriesCode?: string;
  titleName?: string;
  titleLevel?: string;
  professionName?: string;
  qualificationDate?: Dayjs;
  approvalDocNo?: string;
  committeeName?: string;
  sourceCertificateId?: string;
  declareType?: string;
  businessType?: string;
  regionCode: string;
  issuerOrgId: string;
  documents: Record<string, string | undefined>;
}

/** 所属行政区划 → 所属申报点 (seed 002: choose the region of the issuing authority first, then its 申报点). */
function RegionAndPoint() {
  const issuers = useIssuers();
  const form = Form.useFormInstance<ApplyForm>();
  const region = Form.useWatch('regionCode', form);
  const regions = useMemo(() => [...new Map((issuers.data?.items ?? []).map((i) => [i.regionCode, i.regionName])).entries()], [issuers.data]);
  return (
    <>
      <Form.Item name="regionCode" label="所属行政区划" extra="根据发证机关选择：省、市发证选择省、市本级，县区发证选择对应县区。" rules={[{ required: true, message: '请选择所属行政区划' }]}>
        <Select placeholder="请选择" options={regions.map(([value, label]) => ({ value, label }))} onChange={() => form.setFieldValue('issuerOrgId', undefined)} />
      </Form.Item>
      <Form.Item name="issuerOrgId" label="所属申报点" rules={[{ required: true, message: '请选择申报点' }]}>
        <Select
          placeholder={region ? '请选择' : '请先选择所属行政区划'}
          disabled={!region}
          options={(issuers.data?.items ?? []).filter((i) => i.regionCode === region).map((i) => ({ value: i.id, label: i.name }))}
        />
      </Form.Item>
    </>
  );
}

/** The kind's named documents, one PDF each (the rule is the contracts'). */
function Documents({ kind }: { kind: CertificateApplicationKind }) {
  return (
    <>
      <Typography.Paragraph type="secondary">
        {kind === 'reissue' ? '原申报表/老证书/批文、证书作废登报声明、证书补办（换发）申请表三项必须上传（PDF）。' : '申报表、老证书、批文至少上传2项（PDF）。'}
      </Typography.Paragraph>
      {documentSlotsOf(kind).map((s) => (
        <Form.Item key={s.key} name={['documents', s.key]} label={s.label} required={kind === 'reissue'}>
          <DocumentSlotInput label={s.label} />
        </Form.Item>
      ))}
    </>
  );
}

/** H-10: the old certificate exactly as printed. */
function HistoricalFields() {
  const series = useTitleSeries();
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="所有信息请严格按照历史证书填写，不得私自更改，否则职称管理部门不予审核通过。" />
      <Form.Item name="certificateNo" label="证书编号" rules={[{ required: true, message: '请输入证书编号' }]}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="seriesCode" label="系列" rules={[{ required: true, message: '请选择系列' }]}>
        <Select showSearch optionFilterProp="label" placeholder="请选择" options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))} />
      </Form.Item>
      <Form.Item name="titleName" label="职称名称" rules={[{ required: true, message: '请输入职称名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="titleLevel" label="级别" rules={[{ required: true, message: '请选择职称级别' }]}>
        <Select placeholder="请选择" options={options(TITLE_LEVEL_LABELS)} />
      </Form.Item>
      <Form.Item name="professionName" label="专业" rules={[{ required: true, message: '请输入专业' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="qualificationDate" label="取得资格时间" rules={[{ required: true, message: '请选择取得资格时间' }]}>
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="approvalDocNo" label="批准文号" rules={[{ required: true, message: '请输入批准文号' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="committeeName" label="评审/认定机构" rules={[{ required: true, message: '请输入评审/认定机构' }]}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}

/** H-11 step 1: one of the holder's own valid certificates (e-certificates and approved historical records). */
function SourcePicker({ certificates, pending }: { certificates: CertificateItem[]; pending: Set<string> }) {
  if (certificates.length === 0) {
    return <Empty description="未查询到您名下的职称证书，请先使用“历史职称数据登记”登记证书，审核通过后再申请补办/换发。" />;
  }
  return (
    <Form.Item name="sourceCertificateId" label="选择证书" rules={[{ required: true, message: '请先选择要补办/换发的证书' }]}>
      <Radio.Group style={{ width: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {certificates.map((c) => (
            <Radio key={c.id} value={c.id} disabled={pending.has(c.id)}>
              {`${c.titleName}（${c.titleLevelLabel}）· 证书编号 ${c.certificateNo}${c.hasECertificate ? '' : ' · 纸质证书'}${pending.has(c.id) ? ' · 补办/换发审核中' : ''}`}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </Form.Item>
  );
}

/** H-10 历史职称数据登记 and H-11 证书补办/换发 (seed 002 第四、五章): apply with named PDFs, follow the audit result. */
export function CertificateApplyPage() {
  const { data, isFetching } = useMyApplications();
  const certificates = useMyCertificates();
  const submit = useSubmitApplication();
  const [kind, setKind] = useState<CertificateApplicationKind | null>(null);
  const [form] = Form.useForm<ApplyForm>();
  const source = Form.useWatch('sourceCertificateId', form);
  const valid = (certificates.data?.items ?? []).filter((c) => c.status === 'valid');
  const pending = new Set((data?.items ?? []).filter((a) => a.kind === 'reissue' && a.status === 'submitted' && a.sourceCertificateId).map((a) => a.sourceCertificateId!));

  const start = (k: CertificateApplicationKind) => {
    form.resetFields();
    setKind(k);
  };

  const save = async () => {
    if (!kind) return;
    const v = await form.validateFields();
    const documents = Object.fromEntries(Object.entries(v.documents ?? {}).filter(([, id]) => !!id)) as Record<string, string>;
    const docErrors = validateApplicationDocuments(kind, documents);
    if (Object.keys(docErrors).length) {
      const slotErrors = Object.entries(docErrors).filter(([k]) => k.startsWith('documents.'));
      form.setFields(slotErrors.map(([k, m]) => ({ name: ['documents', k.slice('documents.'.length)] as ['documents', string], errors: [m] })));
      if (docErrors['documents']) feedback().error(docErrors['documents']);
      return;
    }
    const { qualificationDate, ...rest } = v;
    try {
      await submit.mutateAsync({ kind, ...rest, documents, ...(qualificationDate ? { qualificationDate: qualificationDate.format('YYYY-MM-DD') } : {}) });
      feedback().success('申请已提交，等待职称管理部门审核');
      setKind(null);
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <PageContainer
      title="证书登记与补发"
      description="平台上线前取得、尚未录入系统的职称证书，请先办理历史职称数据登记（审核通过后可查询，不生成电子证书）；纸质证书丢失、换发或历史证书电子化，请办理证书补办/换发，审核通过后在“我的证书”下载电子证书。"
      extra={
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={() => start('historical')}>历史职称数据登记</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => start('reissue')}>证书补办/换发</Button>
        </Space>
      }
    >
      <Section>
        <Table<CertificateApplicationItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无申请' }}
          pagination={false}
          scroll={{ x: 760 }}
          columns={[
            { title: '类型', dataIndex: 'kindLabel', width: 130 },
            { title: '职称', key: 't', render: (_: unknown, r) => `${r.titleName}（${TITLE_LEVEL_LABELS[r.titleLevel as keyof typeof TITLE_LEVEL_LABELS] ?? r.titleLevel}）` },
            { title: '证书编号', dataIndex: 'originalCertificateNo', width: 160 },
            { title: '业务', key: 'biz', width: 90, render: (_: unknown, r) => [r.declareTypeLabel, r.businessTypeLabel].filter(Boolean).join('·') },
            { title: '提交日期', dataIndex: 'createdAt', width: 110, render: (d: string) => formatDate(d) },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: CertificateApplicationItem['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
            { title: '审核意见', dataIndex: 'reviewComment', ellipsis: true },
          ]}
        />
      </Section>
      <Modal
        title={kind === 'reissue' ? '证书补办/换发' : '历史职称数据登记'}
        open={kind !== null}
        onOk={save}
        onCancel={() => setKind(null)}
        confirmLoading={submit.isPending}
        okText="提交"
        okButtonProps={{ disabled: kind === 'reissue' && valid.length === 0 }}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" scrollToFirstError={{ focus: true }}>
          {kind === 'historical' && (
            <>
              <HistoricalFields />
              <RegionAndPoint />
              <Documents kind="historical" />
            </>
          )}
          {kind === 'reissue' && (
            <>
              <SourcePicker certificates={valid} pending={pending} />
              {source && (
                <>
                  <Form.Item name="declareType" label="申报类型" rules={[{ required: true, message: '请选择申报类型（评审或初定）' }]}>
                    <Radio.Group options={options(REISSUE_DECLARE_TYPE_LABELS)} />
                  </Form.Item>
                  <Form.Item name="businessType" label="业务类别" rules={[{ required: true, message: '请选择业务类别（补办或换发）' }]}>
                    <Radio.Group options={options(REISSUE_BUSINESS_TYPE_LABELS)} />
                  </Form.Item>
                  <RegionAndPoint />
                  <Documents kind="reissue" />
                </>
              )}
            </>
          )}
        </Form>
      </Modal>
    </PageContainer>
  );
}
