import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { downloadFile, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { previewPdf, useCertificates, useRevokeCertificate, type CertificateItem, type CertificateQuery } from '../api';

const STATUS = { valid: { label: '有效', color: 'green' }, revoked: { label: '已撤销', color: 'red' } } as const;

interface Filters {
  name?: string;
  certificateNo?: string;
  titleName?: string;
  status?: 'valid' | 'revoked';
  issued?: [Dayjs, Dayjs];
}

/**
 * A-16 证书查询 with filters and export; A-15 revoke with a reason. `committee`: C-12, the committee's view of the
 * certificates of its own reviews (read-only: no revocation).
 */
export function CertificatesPage({ committee = false }: { committee?: boolean }) {
  const [query, setQuery] = useState<CertificateQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useCertificates(query);
  const [revoking, setRevoking] = useState<CertificateItem | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevokeCertificate();
  const { page: _p, pageSize: _s, ...filters } = query;

  const doRevoke = async () => {
    const v = await form.validateFields();
    try {
      await revoke.mutateAsync({ id: revoking!.id, version: revoking!.version, reason: v.reason });
      feedback().success('证书已撤销');
      setRevoking(null);
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <PageContainer
      title="证书查询"
      description={committee ? '查询本评委会评审通过人员的职称证书，可预览和导出。' : '查询本辖区签发的职称证书，可导出和撤销；撤销后公开查询显示为已撤销。'}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile('/certificates/export', { ...filters }, '职称证书.xlsx').catch((e) => showError(e))}>
          导出
        </Button>
      }
    >
      <FilterBar<Filters>
        onSearch={(v) =>
          setQuery((q) => ({
            page: 1,
            pageSize: q.pageSize,
            name: v.name?.trim() || undefined,
            certificateNo: v.certificateNo?.trim() || undefined,
            titleName: v.titleName?.trim() || undefined,
            status: v.status,
            issuedFrom: v.issued?.[0]?.format('YYYY-MM-DD'),
            issuedTo: v.issued?.[1]?.format('YYYY-MM-DD'),
          }))
        }
      >
        <Form.Item name="name" label="姓名/身份证号">
          <Input allowClear style={{ width: 180 }} placeholder="姓名或完整身份证号" />
        </Form.Item>
        <Form.Item name="certificateNo" label="证书编号">
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="titleName" label="职称名称">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 110 }} options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))} />
        </Form.Item>
        <Form.Item name="issued" label="发证日期">
          <DatePicker.RangePicker />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<CertificateItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无证书' }}
          scroll={{ x: 1100 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '证书编号', dataIndex: 'certificateNo', width: 170 },
            { title: '姓名', dataIndex: 'holderName', width: 90 },
            { title: '身份证号', dataIndex: 'holderIdCard', width: 180 },
            { title: '职称', key: 'title', render: (_: unknown, r) => `${r.titleName}（${r.titleLevelLabel}）` },
            { title: '专业', dataIndex: 'professionName', width: 100 },
            { title: '发证日期', dataIndex: 'issueDate', width: 110 },
            { title: '类型', dataIndex: 'kindLabel', width: 100 },
            ...(committee ? [] : [{ title: '上报状态', dataIndex: 'reportedStatusLabel', width: 100 }]),
            { title: '状态', dataIndex: 'status', width: 90, render: (s: CertificateItem['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              fixed: 'right',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {r.hasECertificate && (
                    <Button type="link" size="small" onClick={() => previewPdf(`/certificates/${r.id}/pdf`).catch((e) => showError(e))}>
                      预览
                    </Button>
                  )}
                  {!committee && r.status === 'valid' && (
                    <Button type="link" size="small" danger onClick={() => { form.resetFields(); setRevoking(r); }}>
                      撤销
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <Modal title={`撤销证书：${revoking?.certificateNo ?? ''}`} open={revoking !== null} onOk={doRevoke} onCancel={() => setRevoking(null)} confirmLoading={revoke.isPending} okText="确认撤销" okButtonProps={{ danger: true }} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="撤销原因" rules={[{ required: true, message: '请填写撤销原因' }, { min: 2, message: '请填写撤销原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}

/** C-12: the committee's certificate query. */
export function CommitteeCertificatesPage() {
  return <CertificatesPage committee />;
}
