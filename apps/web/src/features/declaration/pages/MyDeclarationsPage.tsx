import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Form, Input, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { DECLARATION_KIND_LABELS, TITLE_LEVEL_LABELS, isEditableByApplicant, type DeclarationSummary } from '@zhicheng/contracts';
import { formatDate } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useMyDeclarations, type DeclarationScope, type MyDeclarationsQuery } from '../api';
import { statusColor } from '../status';

/** H-08 我的办件: current and history, search, status and where it waits; 修改 / 查看详情. */
export function MyDeclarationsPage() {
  const navigate = useNavigate();
  const [query, setQuery] = useState<MyDeclarationsQuery>({ scope: 'current', page: 1, pageSize: 10 });
  const { data, isFetching } = useMyDeclarations(query);
  return (
    <PageContainer
      title="我的办件"
      description="查看本人的职称申报办件；暂存或被退回的申报可继续修改后提交。"
      extra={
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => navigate('/hall/declare/initial')}>
            职称初定申报
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/hall/declare/review')}>
            职称评审申报
          </Button>
        </Space>
      }
    >
      <FilterBar<{ keyword?: string }> onSearch={(v) => setQuery((q) => ({ ...q, page: 1, keyword: v.keyword?.trim() || undefined }))}>
        <Form.Item name="keyword" label="关键词">
          <Input placeholder="批次、职称、专业或评委会" allowClear style={{ width: 260 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Tabs
          activeKey={query.scope}
          onChange={(k) => setQuery((q) => ({ ...q, scope: k as DeclarationScope, page: 1 }))}
          items={[
            { key: 'current', label: '办理中' },
            { key: 'history', label: '历史办件' },
          ]}
        />
        <Table<DeclarationSummary>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: query.scope === 'current' ? '暂无办理中的申报' : '暂无历史申报' }}
          scroll={{ x: 1280 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 70, fixed: 'left' },
            { title: '类型', dataIndex: 'kind', width: 70, render: (k: DeclarationSummary['kind']) => DECLARATION_KIND_LABELS[k] },
            { title: '申报职称', key: 'title', width: 180, render: (_, r) => `${r.titleName}（${TITLE_LEVEL_LABELS[r.titleLevel]}）` },
            { title: '申报专业', dataIndex: 'professionName', width: 120 },
            { title: '评委会/受理机构', dataIndex: 'committeeName', width: 240, ellipsis: { showTitle: true } },
            {
              title: '状态',
              key: 'status',
              width: 150,
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={statusColor(r.status)}>{r.statusLabel}</Tag>
                  {r.returnedToApplicant && r.status === 'returned' && <Tag color="red">待修改</Tag>}
                </Space>
              ),
            },
            { title: '当前环节', dataIndex: 'currentStage', width: 220, ellipsis: { showTitle: true }, render: (s: string | null) => s ?? '—' },
            { title: '提交时间', dataIndex: 'submittedAt', width: 110, render: (v: string | null) => formatDate(v) || '—' },
            { title: '更新时间', dataIndex: 'updatedAt', width: 110, render: (v: string) => formatDate(v) },
            {
              title: '操作',
              key: 'actions',
              fixed: 'right',
              width: 160,
              render: (_, r) => {
                const editable = isEditableByApplicant(r.status, r.returnedToApplicant);
                return (
                  <Space size={0}>
                    {editable ? (
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => navigate(`/hall/declarations/${r.id}`)}>
                        修改
                      </Button>
                    ) : (
                      <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => navigate(`/hall/declarations/${r.id}`)}>
                        查看详情
                      </Button>
                    )}
                    {r.status === 'returned' && (
                      <Tooltip title="查看退回原因">
                        <Button type="link" size="small" danger onClick={() => navigate(`/hall/declarations/${r.id}`)}>
                          退回原因
                        </Button>
                      </Tooltip>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
