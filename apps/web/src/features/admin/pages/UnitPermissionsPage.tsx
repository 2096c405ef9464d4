import { filtersOf, useUrlQuery } from '../../../lib/url-query';
import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Radio, Select, Table, Tag } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { UNIT_NATURE_LABELS, UNIT_PERMISSION_STATUS_LABELS, type Page, type UnitPermissionStatus } from '@zhicheng/contracts';
import { api, showError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { AttachmentList } from '../../unit-permission/AttachmentList';
import type { UnitPermissionApplication } from '../../unit-permission/api';

const STATUS_COLOR: Record<UnitPermissionStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };
const yesNo = (v: boolean | undefined, yes: string, no: string) => (v === undefined ? '—' : v ? <Tag color="green">{yes}</Tag> : <Tag color="orange">{no}</Tag>);

function ReviewModal({ app, onClose }: { app: UnitPermissionApplication | null; onClose: () => void }) {
  const [form] = Form.useForm<{ decision: 'approve' | 'reject'; opinion?: string }>();
  const decision = Form.useWatch('decision', form);
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const pending = app?.status === 'pending';
  return (
    <Modal
      title="单位权限申请"
      open={!!app}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      okText="提交审核结果"
      cancelText="关闭"
      okButtonProps={{ style: pending ? undefined : { display: 'none' } }}
      confirmLoading={saving}
      onOk={() => form.submit()}
    >
      {app && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="单位名称" span={2}>{app.unitName}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{app.creditCode}</Descriptions.Item>
            <Descriptions.Item label="所在地区">{app.regionCode}</Descriptions.Item>
            <Descriptions.Item label="单位性质">{app.nature ? UNIT_NATURE_LABELS[app.nature] : '—'}</Descriptions.Item>
            <Descriptions.Item label="提交次数">{app.submissions}</Descriptions.Item>
            <Descriptions.Item label="信用代码校验">{yesNo(app.autoCheck.creditCodeValid, '有效', '无效')}</Descriptions.Item>
            <Descriptions.Item label="登记地与所在地">{yesNo(app.autoCheck.regionConsistent, '一致', '不一致，请核实')}</Descriptions.Item>
            <Descriptions.Item label="申请说明" span={2}>{app.remark || '—'}</Descriptions.Item>
            <Descriptions.Item label="证明材料" span={2}>
              <AttachmentList ids={app.attachments} />
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLOR[app.status]}>{UNIT_PERMISSION_STATUS_LABELS[app.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="审核意见">{app.opinion || '—'}</Descriptions.Item>
          </Descriptions>
          {pending && (
            <Form
              form={form}
              layout="vertical"
              style={{ marginTop: 16 }}
              preserve={false}
              initialValues={{ decision: 'approve' }}
              onFinish={async (v) => {
                setSaving(true);
                try {
                  await api.post(`/unit-permission/applications/${app.id}/review`, { ...v, opinion: v.opinion?.trim() || undefined, version: app.version });
                  message.success(v.decision === 'approve' ? '已审核通过' : '已退回');
                  await qc.invalidateQueries({ queryKey: ['admin', 'unit-permission'] });
                  onClose();
                } catch (e) {
                  showError(e, form);
                } finally {
                  setSaving(false);
                }
              }}
            >
              <Form.Item name="decision" label="审核结果">
                <Radio.Group options={[{ value: 'approve', label: '通过' }, { value: 'reject', label: '退回' }]} />
              </Form.Item>
              <Form.Item name="opinion" label="审核意见" rules={decision === 'reject' ? [{ required: true, whitespace: true, message: '退回时请填写审核意见' }] : []}>
                <Input.TextArea rows={3} maxLength={1000} placeholder={decision === 'reject' ? '请写明退回原因，单位将据此修改' : '选填'} />
              </Form.Item>
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}

/** unit permission applications of the office's region; view with attachments, approve or reject with an opinion. */
export function UnitPermissionsPage() {
  const [query, setQuery] = useUrlQuery<{ page: number; pageSize: number; status?: string; keyword?: string }>({ page: 1, pageSize: 20, status: 'pending' });
  const [viewing, setViewing] = useState<UnitPermissionApplication | null>(null);
  const { data, isFetching } = useQuery({
    queryKey: ['admin', 'unit-permission', query],
    queryFn: () => api.get<Page<UnitPermissionApplication>>('/unit-permission/applications', { ...query }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageContainer title="单位权限审核" description="审核辖区内单位开展职称工作的权限申请。" extra={<ExportButton path="/unit-permission/applications/export" query={{ ...query }} />}>
      <FilterBar<{ status?: string; keyword?: string }>
        initialValues={filtersOf(query)}
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, status: v.status || undefined, keyword: v.keyword?.trim() || undefined }))}
      >
        <Form.Item name="keyword" label="单位">
          <Input placeholder="单位名称或信用代码" allowClear />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select options={Object.entries(UNIT_PERMISSION_STATUS_LABELS).map(([value, label]) => ({ value, label }))} allowClear placeholder="全部" style={{ width: 120 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<UnitPermissionApplication>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无申请' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '单位名称', dataIndex: 'unitName' },
            { title: '统一社会信用代码', dataIndex: 'creditCode' },
            { title: '地区', dataIndex: 'regionCode' },
            { title: '提交次数', dataIndex: 'submissions' },
            { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
            { title: '状态', dataIndex: 'status', render: (s: UnitPermissionStatus) => <Tag color={STATUS_COLOR[s]}>{UNIT_PERMISSION_STATUS_LABELS[s]}</Tag> },
            {
              title: '操作',
              key: 'ops',
              render: (_: unknown, a) => (
                <Button type="link" size="small" onClick={() => setViewing(a)}>
                  {a.status === 'pending' ? '审核' : '查看'}
                </Button>
              ),
            },
          ]}
        />
      </Section>
      <ReviewModal app={viewing} onClose={() => setViewing(null)} />
    </PageContainer>
  );
}
