import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Empty, Form, List, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  DECLARATION_STATUS_LABELS,
  TITLE_LEVEL_LABELS,
  type DeclarationStatus,
  type ReturnNode,
  type TitleLevel,
  type WaitingDeclaration,
  type WaitingNode,
} from '@zhicheng/contracts';
import { FilterBar } from '../../components/FilterBar';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { downloadFile, showError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useUrlQuery } from '../../lib/url-query';
import { useSeries } from '../admin/api/reference';
import { useDashboardBatches, useRefreshDashboard, useWaiting, useWaitingDeclarations } from './api';

const FlowChart = lazy(() => import('./FlowChart'));

/** The applicant's node in the address (a declaration returned for correction waits at its applicant). */
const AT_APPLICANT = 'applicant';

interface DashboardQuery {
  batchId?: string;
  titleLevel?: TitleLevel;
  seriesCode?: string;
  /** the drilled-down node: an organisation id, or AT_APPLICANT */
  node?: string;
  status?: DeclarationStatus;
  page: number;
  pageSize: number;
}

const DEFAULTS: DashboardQuery = { page: 1, pageSize: 20 };

/** The address of this page with the filters and a drill-down (a real link: opens in a new tab, back button works). */
function hrefOf(q: DashboardQuery, drill: { node?: string; status?: DeclarationStatus }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ batchId: q.batchId, titleLevel: q.titleLevel, seriesCode: q.seriesCode, ...drill }))
    if (v) p.set(k, v);
  return `?${p.toString()}`;
}

const nodeKey = (n: WaitingNode) => n.orgId ?? AT_APPLICANT;

/**
 * A-30 办件在哪儿: for a batch (and a level and series), how many declarations wait at each node of the path and for
 * how long, the slowest nodes, where they are returned and why, and the daily flow; every count opens the
 * declarations behind it. Title offices, departments and committees, each within their scope.
 */
export function WaitingDashboardPage() {
  const [query, setQuery] = useUrlQuery<DashboardQuery>(DEFAULTS);
  const batches = useDashboardBatches();
  const series = useSeries();
  const batchId = query.batchId ?? batches.data?.[0]?.id;
  const filters = batchId ? { batchId, titleLevel: query.titleLevel, seriesCode: query.seriesCode } : null;
  const q = { ...query, batchId };
  const waiting = useWaiting(filters);
  const refresh = useRefreshDashboard();
  const d = waiting.data;

  const drilled = useMemo(
    () => d?.nodes.find((n) => nodeKey(n) === query.node && (!query.status || n.status === query.status)),
    [d, query.node, query.status],
  );
  const drill = useWaitingDeclarations(
    filters && query.node
      ? {
          ...filters,
          ...(query.node === AT_APPLICANT ? { atApplicant: true } : { orgId: query.node }),
          status: query.status,
          page: query.page,
          pageSize: query.pageSize,
        }
      : null,
  );
  const drillCard = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (query.node) drillCard.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [query.node, query.status]);

  const submitted30 = d?.flow.reduce((s, x) => s + x.submitted, 0) ?? 0;
  const passed30 = d?.flow.reduce((s, x) => s + x.passed, 0) ?? 0;
  const countLink = (n: WaitingNode) => (
    <Link to={hrefOf(q, { node: nodeKey(n), status: n.status })} aria-label={`${n.orgName} ${n.statusLabel} ${n.count} 件`}>
      {n.count}
    </Link>
  );

  return (
    <PageContainer
      title="办件在哪儿"
      description="按批次查看在途申报停在哪个节点、停了多久，各节点退回了多少、为什么退回。统计每分钟更新一次，点击数字查看对应的申报。"
      extra={
        <Space wrap>
          {d && <Typography.Text type="secondary">统计于 {formatDateTime(d.refreshedAt)}</Typography.Text>}
          <Button
            icon={<ReloadOutlined />}
            loading={refresh.isPending}
            onClick={() => refresh.mutate(undefined, { onError: (e) => showError(e) })}
          >
            立即刷新
          </Button>
          <Button
            icon={<DownloadOutlined />}
            disabled={!filters}
            onClick={() => void downloadFile('/dashboard/waiting/export', { ...filters }, '办件在哪儿.xlsx').catch((e) => showError(e))}
          >
            导出Excel
          </Button>
        </Space>
      }
    >
      <FilterBar<Pick<DashboardQuery, 'batchId' | 'titleLevel' | 'seriesCode'>>
        initialValues={{ batchId, titleLevel: query.titleLevel, seriesCode: query.seriesCode }}
        onSearch={(v) => {
          setQuery(() => ({ ...DEFAULTS, batchId: v.batchId ?? batchId, titleLevel: v.titleLevel, seriesCode: v.seriesCode }));
          void waiting.refetch();
        }}
      >
        <Form.Item name="batchId" label="批次">
          <Select
            style={{ width: 280 }}
            loading={batches.isLoading}
            placeholder="暂无在途申报的批次"
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item name="titleLevel" label="职称级别">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="seriesCode" label="职称系列">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部"
            style={{ width: 200 }}
            loading={series.isLoading}
            options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
          />
        </Form.Item>
      </FilterBar>

      {batches.data && batches.data.length === 0 && <Empty description="您的范围内暂无在途申报" style={{ marginTop: 32 }} />}
      {filters && !d && <Skeleton active />}
      {d && (
        <>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {[
              { title: '在途申报', value: d.total, suffix: '件' },
              { title: '停留节点', value: d.nodes.length, suffix: '个' },
              { title: '近30天提交', value: submitted30, suffix: '件' },
              { title: '近30天审核通过', value: passed30, suffix: '件' },
            ].map((s) => (
              <Col key={s.title} xs={12} md={6}>
                <Card variant="borderless">
                  <Statistic title={s.title} value={s.value} suffix={s.suffix} />
                </Card>
              </Col>
            ))}
          </Row>

          <Section title="按状态汇总">
            <div data-testid="waiting-by-status">
              <Table<WaitingNode>
                rowKey="status"
                size="small"
                pagination={false}
                scroll={{ x: 600 }}
                dataSource={d.byStatus}
                locale={{ emptyText: '该批次暂无在途申报' }}
                columns={[
                  { title: '状态', dataIndex: 'statusLabel', render: (s: string) => <Tag>{s}</Tag> },
                  { title: '在途数', dataIndex: 'count', width: 90, align: 'right' },
                  { title: '停留天数中位数', dataIndex: 'medianDays', width: 130, align: 'right' },
                  { title: '90%分位（天）', dataIndex: 'p90Days', width: 120, align: 'right' },
                  { title: '最长（天）', dataIndex: 'longestDays', width: 100, align: 'right' },
                ]}
              />
            </div>
          </Section>

          <Section
            title="各节点在途情况"
            extra={
              d.nodeCount > d.nodes.length ? (
                <Typography.Text type="secondary">
                  共 {d.nodeCount} 个节点，按审核路径显示前 {d.nodes.length} 个；导出Excel含全部
                </Typography.Text>
              ) : undefined
            }
          >
            <div data-testid="waiting-nodes">
              <Table<WaitingNode>
                rowKey={(n) => `${nodeKey(n)}|${n.status}`}
                size="middle"
                pagination={false}
                scroll={{ x: 720 }}
                dataSource={d.nodes}
                locale={{ emptyText: '该批次暂无在途申报' }}
                columns={[
                  { title: '节点', dataIndex: 'orgName' },
                  { title: '状态', dataIndex: 'statusLabel', width: 200, render: (s: string) => <Tag>{s}</Tag> },
                  { title: '在途数', key: 'count', width: 90, align: 'right', render: (_: unknown, n) => countLink(n) },
                  { title: '停留天数中位数', dataIndex: 'medianDays', width: 130, align: 'right' },
                  { title: '90%分位（天）', dataIndex: 'p90Days', width: 120, align: 'right' },
                  {
                    title: '最长（天）',
                    dataIndex: 'longestDays',
                    width: 100,
                    align: 'right',
                    render: (v: number) => <Typography.Text type={v >= 15 ? 'danger' : undefined}>{v}</Typography.Text>,
                  },
                ]}
              />
            </div>
          </Section>

          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Section title="停留最久的节点">
                <List
                  className="slowest-nodes"
                  dataSource={d.slowest}
                  locale={{ emptyText: '暂无' }}
                  renderItem={(n) => (
                    <List.Item extra={countLink(n)}>
                      <List.Item.Meta
                        title={`${n.orgName} · ${n.statusLabel}`}
                        description={`中位数 ${n.medianDays} 天，最长 ${n.longestDays} 天`}
                      />
                    </List.Item>
                  )}
                />
              </Section>
            </Col>
            <Col xs={24} lg={14}>
              <Section
                title="退回情况"
                extra={
                  d.returnNodeCount > d.returns.length ? (
                    <Typography.Text type="secondary">
                      退回最多的 {d.returns.length} 个节点（共 {d.returnNodeCount} 个）
                    </Typography.Text>
                  ) : undefined
                }
              >
                <div data-testid="return-nodes">
                  <Table<ReturnNode>
                    rowKey="orgId"
                    size="small"
                    pagination={false}
                    scroll={{ x: 560 }}
                    dataSource={d.returns}
                    locale={{ emptyText: '暂无退回' }}
                    columns={[
                      { title: '退回节点', dataIndex: 'orgName' },
                      { title: '退回人数', dataIndex: 'declarations', width: 90, align: 'right' },
                      { title: '退回次数', dataIndex: 'returns', width: 90, align: 'right' },
                      {
                        title: '多次退回占比',
                        dataIndex: 'repeatShare',
                        width: 110,
                        align: 'right',
                        render: (v: number) => `${Math.round(v * 100)}%`,
                      },
                      {
                        title: '主要退回原因',
                        key: 'reasons',
                        render: (_: unknown, r) => (
                          <Space size={[4, 4]} wrap>
                            {r.topReasons.map((x) => (
                              <Tag key={x.moduleKey}>
                                {x.label} ×{x.count}
                              </Tag>
                            ))}
                          </Space>
                        ),
                      },
                    ]}
                  />
                </div>
              </Section>
            </Col>
          </Row>

          <Section title="每日提交与审核通过（近30天）">
            <Suspense fallback={<Skeleton active />}>
              <FlowChart flow={d.flow} />
            </Suspense>
          </Section>

          {query.node && (
            <div ref={drillCard}>
              <Section
                title={`在途申报明细：${drilled?.orgName ?? (query.node === AT_APPLICANT ? '申报人（退回修改）' : '所选节点')}${query.status ? ` · ${DECLARATION_STATUS_LABELS[query.status]}` : ''}`}
                extra={<Link to={hrefOf(q, {})}>收起明细</Link>}
              >
                <div data-testid="waiting-declarations">
                  <Table<WaitingDeclaration>
                    rowKey="id"
                    loading={drill.isFetching}
                    scroll={{ x: 860 }}
                    dataSource={drill.data?.items ?? []}
                    locale={{ emptyText: '该节点暂无在途申报' }}
                    pagination={{
                      current: query.page,
                      pageSize: query.pageSize,
                      total: drill.data?.total ?? 0,
                      showTotal: (n) => `共 ${n} 件`,
                      onChange: (page, pageSize) => setQuery((x) => ({ ...x, page, pageSize })),
                    }}
                    columns={[
                      { title: '姓名', dataIndex: 'applicantName', width: 100 },
                      { title: '工作单位', dataIndex: 'unitName', ellipsis: true },
                      {
                        title: '申报职称',
                        key: 'title',
                        render: (_: unknown, r) => `${r.titleName}（${TITLE_LEVEL_LABELS[r.titleLevel]}）`,
                      },
                      { title: '状态', dataIndex: 'statusLabel', width: 170, render: (s: string) => <Tag>{s}</Tag> },
                      { title: '所在节点', dataIndex: 'orgName', ellipsis: true },
                      { title: '到达时间', dataIndex: 'since', width: 160, render: (v: string) => formatDateTime(v) },
                      { title: '停留天数', dataIndex: 'days', width: 90, align: 'right' },
                    ]}
                  />
                </div>
              </Section>
            </div>
          )}
        </>
      )}
    </PageContainer>
  );
}
