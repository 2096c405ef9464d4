import { useState } from 'react';
import { App, Button, Form, Modal, Popconfirm, Result, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DECLARATION_KIND_LABELS, ORG_TYPE_LABELS, TITLE_LEVEL_LABELS, type DeclarationKind, type OrgType, type TitleLevel } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { lowerOptionsUrl, useAddSubordinate, useRemoveSubordinate, useSubordinates, type EdgeItem, type EdgeQuery, type EdgeScope } from '../api';
import { OrgOptionPicker } from '../components/OrgOptionPicker';
import { ScopeFields, useSeriesName } from '../components/ScopeFields';
import { SOURCE_LABELS } from '../components/labels';

function AddModal({ committeeId, open, onClose }: { committeeId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<EdgeScope & { lowerOrgId: string }>();
  const add = useAddSubordinate(committeeId);
  const { message } = App.useApp();
  return (
    <Modal title="新增下级单位" open={open} onCancel={onClose} okText="保存" cancelText="取消" confirmLoading={add.isPending} onOk={() => form.submit()} destroyOnHidden width={560}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          add.mutate(v, {
            onSuccess: (e) => {
              message.success(`已将“${e.lowerOrgName}”设为下级单位`);
              onClose();
            },
            onError: (e) => showError(e, form),
          })
        }
      >
        <Form.Item name="lowerOrgId" label="下级单位" rules={[{ required: true, message: '请选择下级单位' }]}>
          <OrgOptionPicker url={lowerOptionsUrl(committeeId)} placeholder="输入单位或机构名称搜索" />
        </Form.Item>
        <ScopeFields />
      </Form>
    </Modal>
  );
}

/** C-10 评委会下级单位管理: the organisations reporting directly to this committee. */
export function SubordinatesPage() {
  const user = useCurrentUser();
  const committeeId = user.organisation?.type === 'committee' ? user.organisation.id : null;
  if (!committeeId) return <Result status="403" title="仅评委会经办人可管理下级单位" />;
  return <Subordinates committeeId={committeeId} />;
}

function Subordinates({ committeeId }: { committeeId: string }) {
  const [query, setQuery] = useState<EdgeQuery>({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const { data, isFetching } = useSubordinates(committeeId, query);
  const remove = useRemoveSubordinate(committeeId);
  const { message } = App.useApp();
  const seriesName = useSeriesName();
  return (
    <PageContainer
      title="评委会下级单位管理"
      description="直接向本评委会上报的单位和机构。调整后请在“审核层级配置确认”中重新确认。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          新增
        </Button>
      }
    >
      <FilterBar<{ kind?: DeclarationKind; seriesCode?: string; titleLevel?: TitleLevel }>
        onSearch={(v) => setQuery((q) => ({ ...q, page: 1, kind: v.kind || undefined, seriesCode: v.seriesCode || undefined, titleLevel: v.titleLevel || undefined }))}
      >
        <ScopeFields filter />
      </FilterBar>
      <Section>
        <Table<EdgeItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无下级单位' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '下级单位', dataIndex: 'lowerOrgName' },
            { title: '机构类型', dataIndex: 'lowerOrgType', render: (t: OrgType) => ORG_TYPE_LABELS[t] },
            { title: '申报类型', dataIndex: 'kind', render: (k: DeclarationKind) => DECLARATION_KIND_LABELS[k] },
            { title: '职称系列', dataIndex: 'seriesCode', render: seriesName },
            { title: '职称等级', dataIndex: 'titleLevel', render: (l: TitleLevel) => TITLE_LEVEL_LABELS[l] },
            { title: '来源', dataIndex: 'source', render: (s: EdgeItem['source']) => SOURCE_LABELS[s] },
            { title: '生效日期', dataIndex: 'reviewedAt', render: (d: string | null) => formatDate(d) || '—' },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r) => (
                <Popconfirm
                  title="确定删除该下级单位吗？"
                  description="删除后该单位不能再经本评委会申报。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => remove.mutateAsync(r.id).then(() => void message.success('已删除'), (e) => showError(e))}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Section>
      <AddModal committeeId={committeeId} open={adding} onClose={() => setAdding(false)} />
    </PageContainer>
  );
}
