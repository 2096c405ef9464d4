import { useState } from 'react';
import { App, Button, Form, Modal, Select, Space, Table, Typography } from 'antd';
import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { DECLARATION_KIND_LABELS, TITLE_LEVEL_LABELS, type DeclarationKind, type TitleLevel } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { upperOptionsUrl, useApply, useMyApplications, type EdgeItem, type EdgeQuery, type EdgeScope, type EdgeStatus } from '../api';
import { OrgOptionPicker } from '../components/OrgOptionPicker';
import { ScopeFields, useSeriesName } from '../components/ScopeFields';
import { pathType, STATUS_OPTIONS, StatusTag } from '../components/labels';

type Side = 'upper' | 'committee';

function ApplyModal({ side, onClose }: { side: Side | null; onClose: () => void }) {
  const [form] = Form.useForm<EdgeScope & { upperOrgId: string }>();
  const apply = useApply();
  const { message } = App.useApp();
  const committee = side === 'committee';
  const submit = (v: EdgeScope & { upperOrgId: string }) =>
    apply.mutate(v, {
      onSuccess: (e) => {
        message.success(`已向“${e.upperOrgName}”提交路径申请，等待审核`);
        onClose();
      },
      onError: (e) => showError(e, form),
    });
  return (
    <Modal
      title={committee ? '评委会路径申请' : '单位路径申请'}
      open={side !== null}
      onCancel={onClose}
      okText="提交申请"
      cancelText="取消"
      confirmLoading={apply.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">
        {committee
          ? '本单位的上一级不再有主管部门或呈报部门，而是直接相应的评委会时，申请评委会路径；评委会审核通过后可将数据上报评委会。'
          : '上一级是主管部门或呈报部门时，申请单位路径；上报单位审核通过后，可以正常上报数据。'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="upperOrgId" label={committee ? '评委会' : '上报单位'} rules={[{ required: true, message: committee ? '请选择评委会' : '请选择上报单位' }]}>
          <OrgOptionPicker url={upperOptionsUrl(committee ? 'committee' : 'upper')} placeholder={committee ? '输入评委会名称搜索' : '输入单位名称搜索'} />
        </Form.Item>
        <ScopeFields />
      </Form>
    </Modal>
  );
}

/** U-07 / U-08 路径申请: apply to an upper organisation or a committee; the applications and their status. */
export function PathApplyPage() {
  const [query, setQuery] = useState<EdgeQuery>({ page: 1, pageSize: 20 });
  const [side, setSide] = useState<Side | null>(null);
  const { data, isFetching } = useMyApplications(query);
  const seriesName = useSeriesName();
  return (
    <PageContainer
      title="路径申请"
      description="数据上报前，须先开通该级别、该系列职称的申报路径；上级审核通过后路径生效。"
      extra={
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setSide('upper')}>
            单位路径申请
          </Button>
          <Button icon={<ApartmentOutlined />} onClick={() => setSide('committee')}>
            评委会路径申请
          </Button>
        </Space>
      }
    >
      <FilterBar<{ status?: EdgeStatus; kind?: DeclarationKind; seriesCode?: string; titleLevel?: TitleLevel }>
        onSearch={(v) => setQuery((q) => ({ ...q, page: 1, status: v.status || undefined, kind: v.kind || undefined, seriesCode: v.seriesCode || undefined, titleLevel: v.titleLevel || undefined }))}
      >
        <Form.Item name="status" label="状态">
          <Select options={STATUS_OPTIONS} placeholder="全部" allowClear style={{ width: 140 }} />
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
            { title: '上报单位 / 评委会', dataIndex: 'upperOrgName' },
            { title: '路径类型', key: 'type', render: (_: unknown, r) => pathType(r.upperOrgType) },
            { title: '申报类型', dataIndex: 'kind', render: (k: DeclarationKind) => DECLARATION_KIND_LABELS[k] },
            { title: '职称系列', dataIndex: 'seriesCode', render: seriesName },
            { title: '职称等级', dataIndex: 'titleLevel', render: (l: TitleLevel) => TITLE_LEVEL_LABELS[l] },
            { title: '状态', dataIndex: 'status', render: (s: EdgeStatus) => <StatusTag status={s} /> },
            { title: '审核不通过原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
            { title: '申请日期', dataIndex: 'createdAt', render: (d: string) => formatDate(d) },
          ]}
        />
      </Section>
      <ApplyModal side={side} onClose={() => setSide(null)} />
    </PageContainer>
  );
}
