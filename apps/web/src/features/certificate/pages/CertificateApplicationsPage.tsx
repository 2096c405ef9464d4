import { useUrlQuery } from '../../../lib/url-query';
import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { TITLE_LEVEL_LABELS } from '@zhicheng/contracts';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDate } from '../../../lib/format';
import { previewPdf, useApplications, useReviewApplication, type CertificateApplicationItem } from '../api';

const STATUS = { submitted: { label: '待审核', color: 'blue' }, approved: { label: '已通过', color: 'green' }, rejected: { label: '已退回', color: 'red' } } as const;
type Row = CertificateApplicationItem & { holderName: string };

/** A-26 审核 historical registrations (H-10) and reissue/replacement applications (H-11). */
export function CertificateApplicationsPage() {
  const [query, setQuery] = useUrlQuery<{ page: number; pageSize: number; status?: string }>({ page: 1, pageSize: 20, status: 'submitted' });
  const { data, isFetching } = useApplications(query);
  const review = useReviewApplication();
  const [reviewing, setReviewing] = useState<{ row: Row; decision: 'approve' | 'reject' } | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();

  const doReview = async () => {
    const v = await form.validateFields();
    try {
      await review.mutateAsync({ id: reviewing!.row.id, version: reviewing!.row.version, decision: reviewing!.decision, comment: v.comment });
      feedback().success(reviewing!.decision === 'approve' ? '已通过，证书已登记' : '已退回');
      setReviewing(null);
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <PageContainer title="证书登记审核" description="审核个人提交的历史职称数据登记和证书补办/换发申请；登记通过后生成证书记录（无电子证书），补办/换发通过后按原证书的系列和职称发放新的电子证书，原证书作废。">
      <Space style={{ marginBottom: 12 }}>
        <Select style={{ width: 140 }} value={query.status ?? ''} onChange={(s) => setQuery((q) => ({ ...q, page: 1, status: s || undefined }))}
          options={[{ value: '', label: '全部' }, ...Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))]} />
      </Space>
      <Section>
        <Table<Row>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无申请' }}
          pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 条`, onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
          columns={[
            { title: '申请人', dataIndex: 'holderName', width: 90 },
            { title: '类型', dataIndex: 'kindLabel', width: 120 },
            { title: '职称', key: 't', render: (_: unknown, r) => `${r.titleName}（${TITLE_LEVEL_LABELS[r.titleLevel as keyof typeof TITLE_LEVEL_LABELS] ?? r.titleLevel}）` },
            { title: '批准文号', dataIndex: 'approvalDocNo', width: 160 },
            { title: '原证书编号', dataIndex: 'originalCertificateNo', width: 150 },
            { title: '业务', key: 'biz', width: 90, render: (_: unknown, r) => (r.kind === 'reissue' ? [r.declareTypeLabel, r.businessTypeLabel].filter(Boolean).join('·') : '') },
            {
              title: '材料', key: 'files', width: 200,
              render: (_: unknown, r) => (
                <Space size={2} wrap>
                  {r.documents.map((d) => <Button key={d.slot} type="link" size="small" onClick={() => previewPdf(`/files/${d.fileId}/content`).catch((e) => showError(e))}>{d.label}</Button>)}
                </Space>
              ),
            },
            { title: '提交日期', dataIndex: 'createdAt', width: 110, render: (d: string) => formatDate(d) },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: Row['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
            {
              title: '操作', key: 'ops', width: 130,
              render: (_: unknown, r) => r.status === 'submitted' && (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => { form.resetFields(); setReviewing({ row: r, decision: 'approve' }); }}>通过</Button>
                  <Button type="link" size="small" danger onClick={() => { form.resetFields(); setReviewing({ row: r, decision: 'reject' }); }}>退回</Button>
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <Modal title={reviewing?.decision === 'approve' ? '审核通过' : '退回申请'} open={reviewing !== null} onOk={doReview} onCancel={() => setReviewing(null)} confirmLoading={review.isPending} okText="确定" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label="审核意见" rules={reviewing?.decision === 'reject' ? [{ required: true, message: '退回时请填写审核意见' }] : []}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
