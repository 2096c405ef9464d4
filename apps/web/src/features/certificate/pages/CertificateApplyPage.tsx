import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { TITLE_LEVEL_LABELS } from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDate } from '../../../lib/format';
import { uploadProofPdf, useIssuers, useMyApplications, useSubmitApplication, type CertificateApplicationItem } from '../api';

const STATUS = { submitted: { label: '待审核', color: 'blue' }, approved: { label: '已通过', color: 'green' }, rejected: { label: '已退回', color: 'red' } } as const;
const MIN_FILES = { historical: 2, reissue: 3 } as const;

interface ApplyForm {
  kind: 'historical' | 'reissue';
  titleName: string;
  professionName: string;
  titleLevel: string;
  qualificationDate: Dayjs;
  approvalDocNo: string;
  committeeName: string;
  originalCertificateNo?: string;
  issuerOrgId: string;
  reason?: string;
}

/** H-10 历史证书登记 and H-11 证书补发/换发: apply with PDF proofs, follow the audit result. */
export function CertificateApplyPage() {
  const { data, isFetching } = useMyApplications();
  const issuers = useIssuers();
  const submit = useSubmitApplication();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<{ uid: string; name: string; id?: string; status: 'uploading' | 'done' | 'error' }[]>([]);
  const [form] = Form.useForm<ApplyForm>();
  const kind = Form.useWatch('kind', form) ?? 'historical';

  const save = async () => {
    const v = await form.validateFields();
    const fileIds = files.filter((f) => f.id).map((f) => f.id!);
    if (fileIds.length < MIN_FILES[v.kind]) {
      feedback().error(`请至少上传${MIN_FILES[v.kind]}个PDF证明材料`);
      return;
    }
    try {
      await submit.mutateAsync({ ...v, seriesCode: 'GC', qualificationDate: v.qualificationDate.format('YYYY-MM-DD'), fileIds });
      feedback().success('申请已提交，等待职称管理部门审核');
      setOpen(false);
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <PageContainer
      title="证书登记与补发"
      description="平台上线前取得的纸质职称证书可申请历史证书登记（上传证书及批准文件等至少2个PDF）；证书遗失、损毁或信息变更可申请补发/换发（至少3个PDF）。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); form.setFieldsValue({ kind: 'historical' }); setFiles([]); setOpen(true); }}>
          新建申请
        </Button>
      }
    >
      <Section>
        <Table<CertificateApplicationItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无申请' }}
          pagination={false}
          columns={[
            { title: '类型', dataIndex: 'kindLabel', width: 130 },
            { title: '职称', key: 't', render: (_: unknown, r) => `${r.titleName}（${TITLE_LEVEL_LABELS[r.titleLevel as keyof typeof TITLE_LEVEL_LABELS] ?? r.titleLevel}）` },
            { title: '原证书编号', dataIndex: 'originalCertificateNo', width: 160 },
            { title: '提交日期', dataIndex: 'createdAt', width: 110, render: (d: string) => formatDate(d) },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: CertificateApplicationItem['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
            { title: '审核意见', dataIndex: 'reviewComment', ellipsis: true },
          ]}
        />
      </Section>
      <Modal title="新建证书申请" open={open} onOk={save} onCancel={() => setOpen(false)} confirmLoading={submit.isPending} okText="提交" width={640} destroyOnHidden>
        <Form form={form} layout="vertical" scrollToFirstError={{ focus: true }}>
          <Form.Item name="kind" label="申请类型" rules={[{ required: true, message: '请选择申请类型' }]}>
            <Select options={[{ value: 'historical', label: '历史证书登记' }, { value: 'reissue', label: '证书补发/换发' }]} />
          </Form.Item>
          {kind === 'reissue' && (
            <Form.Item name="reason" label="补发/换发原因" rules={[{ required: true, message: '请选择补发/换发原因' }]}>
              <Select options={['遗失补发', '损毁换发', '信息变更换发'].map((v) => ({ value: v, label: v }))} />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item name="titleName" label="职称名称" rules={[{ required: true, message: '请输入职称名称' }]}>
              <Input maxLength={100} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="titleLevel" label="级别" rules={[{ required: true, message: '请选择职称级别' }]}>
              <Select style={{ width: 140 }} options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="professionName" label="专业" rules={[{ required: true, message: '请输入专业' }]}>
              <Input maxLength={100} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="qualificationDate" label="取得资格时间" rules={[{ required: true, message: '请选择取得资格时间' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="approvalDocNo" label="批准文号" rules={[{ required: true, message: '请输入批准文号' }]}>
              <Input maxLength={100} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="originalCertificateNo" label="原证书编号" rules={kind === 'reissue' ? [{ required: true, message: '请输入原证书编号' }] : []}>
              <Input maxLength={32} style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Form.Item name="committeeName" label="评审委员会" rules={[{ required: true, message: '请输入评审委员会' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="issuerOrgId" label="发证单位" rules={[{ required: true, message: '请选择发证单位' }]}>
            <Select options={(issuers.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
          </Form.Item>
          <Form.Item label={`证明材料（PDF，至少${MIN_FILES[kind]}个）`} required>
            <Upload
              accept="application/pdf,.pdf"
              multiple
              fileList={files.map((f) => ({ uid: f.uid, name: f.name, status: f.status }))}
              onRemove={(f) => setFiles((l) => l.filter((x) => x.uid !== f.uid))}
              customRequest={async ({ file, onSuccess, onError }) => {
                const fl = file as File & { uid: string };
                setFiles((l) => [...l, { uid: fl.uid, name: fl.name, status: 'uploading' }]);
                try {
                  const r = await uploadProofPdf(fl);
                  setFiles((l) => l.map((x) => (x.uid === fl.uid ? { ...x, id: r.id, status: 'done' } : x)));
                  onSuccess?.(r);
                } catch (e) {
                  setFiles((l) => l.map((x) => (x.uid === fl.uid ? { ...x, status: 'error' } : x)));
                  showError(e);
                  onError?.(e as Error);
                }
              }}
            >
              <Button icon={<UploadOutlined />}>上传PDF</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
