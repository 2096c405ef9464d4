import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { DECLARATION_KIND_LABELS, TITLE_LEVEL_LABELS, type DeclarationKind, type TitleLevel } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useReview, useToReview, type EdgeItem, type EdgeQuery, type EdgeStatus } from '../api';
import { ScopeFields, useSeriesName } from '../components/ScopeFields';
import { pathType, STATUS_OPTIONS, StatusTag } from '../components/labels';

function RejectModal({ edge, onClose }: { edge: EdgeItem | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const review = useReview();
  const { message } = App.useApp();
  return (
    <Modal
      title="审核不通过"
      open={edge !== null}
      onCancel={onClose}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={review.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          review.mutate(
            { id: edge!.id, approve: false, reason: v.reason.trim() },
            {
              onSuccess: () => {
                message.success('已退回该路径申请');
                onClose();
              },
              onError: (e) => showError(e, form),
            },
          )
        }
      >
        <Form.Item label="申请单位">{edge?.lowerOrgName}</Form.Item>
        <Form.Item
          name="reason"
          label="审核不通过原因"
          rules={[
            { required: true, whitespace: true, message: '请填写审核不通过原因' },
            { min: 2, message: '审核不通过原因至少2个字' },
            { max: 500, message: '审核不通过原因不能超过500字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="申请单位可在路径申请页面看到该原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** U-09 路径审核: the path applications of lower organisations waiting for this organisation. */
export function PathReviewPage() {
  const [query, setQuery] = useState<EdgeQuery>({ page: 1, pageSize: 20, status: 'pending' });
  const [rejecting, setRejecting] = useState<EdgeItem | null>(null);
  const { data, isFetching } = useToReview(query);
  const review = useReview();
  const { message } = App.useApp();
  const seriesName = useSeriesName();
  const initial = { status: 'pending' as EdgeStatus };
  return (
    <PageContainer title="路径审核" description="审核下一级单位的路径申请。审核通过后，下级单位与本单位之间的数据上报路径建立。">
      <FilterBar<{ status?: EdgeStatus; kind?: DeclarationKind; seriesCode?: string; titleLevel?: TitleLevel }>
        initialValues={initial}
        onSearch={(v) => setQuery((q) => ({ ...q, page: 1, status: v.status || undefined, kind: v.kind || undefined, seriesCode: v.seriesCode || undefined, titleLevel: v.titleLevel || undefined }))}
      >
        <Form.Item name="status" label="状态">
          <Select options={STATUS_OPTIONS} placeholder="待审核" allowClear style={{ width: 140 }} />
        </Form.Item>
        <ScopeFields filter />
      </FilterBar>
      <Section>
        <Table<EdgeItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无路径申请' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '申请单位', dataIndex: 'lowerOrgName' },
            { title: '上报至', dataIndex: 'upperOrgName' },
            { title: '路径类型', key: 'type', render: (_: unknown, r) => pathType(r.upperOrgType) },
            { title: '申报类型', dataIndex: 'kind', render: (k: DeclarationKind) => DECLARATION_KIND_LABELS[k] },
            { title: '职称系列', dataIndex: 'seriesCode', render: seriesName },
            { title: '职称等级', dataIndex: 'titleLevel', render: (l: TitleLevel) => TITLE_LEVEL_LABELS[l] },
            { title: '状态', dataIndex: 'status', render: (s: EdgeStatus) => <StatusTag status={s} /> },
            { title: '申请日期', dataIndex: 'createdAt', render: (d: string) => formatDate(d) },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r) =>
                r.status === 'pending' ? (
                  <Space>
                    <Popconfirm
                      title="确定审核通过吗？"
                      description="通过后下级单位可经本单位上报数据。"
                      okText="审核通过"
                      cancelText="取消"
                      onConfirm={() =>
                        review.mutateAsync({ id: r.id, approve: true }).then(
                          () => void message.success('审核通过，路径已生效'),
                          (e) => showError(e),
                        )
                      }
                    >
                      <Button type="link" size="small">
                        审核通过
                      </Button>
                    </Popconfirm>
                    <Button type="link" size="small" danger onClick={() => setRejecting(r)}>
                      审核不通过
                    </Button>
                  </Space>
                ) : (
                  (r.reason ?? '—')
                ),
            },
          ]}
        />
      </Section>
      <RejectModal edge={rejecting} onClose={() => setRejecting(null)} />
    </PageContainer>
  );
}
