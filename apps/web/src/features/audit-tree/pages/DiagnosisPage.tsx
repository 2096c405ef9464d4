import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Empty, Form, Select, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { DECLARATION_KIND_LABELS, ORG_TYPE_LABELS, TITLE_LEVEL_LABELS, type DeclarationKind, type OrgType, type TitleLevel } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { upperOptionsUrl, useLinks, useProfessions, useSimulate, type EdgeItem, type EdgeStatus, type SimulateRequest, type TracedNode } from '../api';
import { OrgOptionPicker } from '../components/OrgOptionPicker';
import { ScopeFields, useSeriesName } from '../components/ScopeFields';
import { StatusTag } from '../components/labels';

function YesNo({ value }: { value: boolean }) {
  return value ? <Tag color="success">是</Tag> : <Tag>否</Tag>;
}

function ProfessionPicker({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(t);
  }, [input]);
  const { data, isFetching } = useProfessions(keyword);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setInput }}
      placeholder="输入专业名称或代码搜索"
      notFoundContent={isFetching ? <Spin size="small" /> : '未找到匹配的专业'}
      options={(data ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
      style={{ width: '100%' }}
    />
  );
}

/** The uppers and lowers of one organisation, each with its scope; 上级 / 下级 walk the tree. */
function LinksSection() {
  const [picked, setPicked] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const { data, isFetching, error } = useLinks(orgId);
  const seriesName = useSeriesName();
  useEffect(() => {
    if (error) showError(error);
  }, [error]);
  const scopeColumns = [
    { title: '申报类型', dataIndex: 'kind', width: 90, render: (k: DeclarationKind) => DECLARATION_KIND_LABELS[k] },
    { title: '职称系列', dataIndex: 'seriesCode', width: 120, render: seriesName },
    { title: '职称等级', dataIndex: 'titleLevel', width: 90, render: (l: TitleLevel) => TITLE_LEVEL_LABELS[l] },
    { title: '状态', dataIndex: 'status', width: 110, render: (s: EdgeStatus) => <StatusTag status={s} /> },
  ];
  return (
    <Section title="机构上下级查询">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>机构</span>
        <OrgOptionPicker url="/organisations" value={picked} onChange={setPicked} placeholder="输入机构名称关键字" style={{ width: 360 }} id="links-org" />
        <Button type="primary" icon={<SearchOutlined />} disabled={!picked} onClick={() => setOrgId(picked)}>
          查询上下级机构
        </Button>
      </Space>
      {!orgId ? (
        <Empty description="选择机构后查询其上级机构和下级机构" />
      ) : !data ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 4 }}>
            <Descriptions.Item label="当前机构">{data.org.name}</Descriptions.Item>
            <Descriptions.Item label="机构类型">{ORG_TYPE_LABELS[data.org.type]}</Descriptions.Item>
            <Descriptions.Item label="行政区划">{data.org.regionCode}</Descriptions.Item>
            <Descriptions.Item label="是否终审机构">
              <YesNo value={data.isFinalAuthority} />
            </Descriptions.Item>
          </Descriptions>
          <Table<EdgeItem>
            title={() => <Typography.Text strong>上级机构（本机构向其上报）</Typography.Text>}
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data.uppers}
            pagination={false}
            locale={{ emptyText: '没有上级机构' }}
            columns={[
              { title: '上级机构', dataIndex: 'upperOrgName', render: (n: string, r) => `${n}（${ORG_TYPE_LABELS[r.upperOrgType as OrgType]}）` },
              ...scopeColumns,
              {
                title: '操作',
                key: 'go',
                width: 80,
                render: (_: unknown, r) => (
                  <Button type="link" size="small" onClick={() => setOrgId(r.upperOrgId)}>
                    上级
                  </Button>
                ),
              },
            ]}
          />
          <Table<EdgeItem>
            title={() => <Typography.Text strong>下级机构（向本机构上报）</Typography.Text>}
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data.lowers}
            pagination={false}
            locale={{ emptyText: '没有下级机构' }}
            columns={[
              { title: '下级机构', dataIndex: 'lowerOrgName', render: (n: string, r) => `${n}（${ORG_TYPE_LABELS[r.lowerOrgType]}）` },
              ...scopeColumns,
              {
                title: '操作',
                key: 'go',
                width: 80,
                render: (_: unknown, r) => (
                  <Button type="link" size="small" onClick={() => setOrgId(r.lowerOrgId)}>
                    下级
                  </Button>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Section>
  );
}

/** Simulates a declaration and shows the whole path, or the node where it breaks. */
function SimulateSection() {
  const [form] = Form.useForm<SimulateRequest>();
  const simulate = useSimulate();
  const result = simulate.data;
  const breakIdx = result?.broken ? result.nodes.findIndex((n) => n.orgId === result.broken!.nodeOrgId) : -1;
  return (
    <Section title="模拟职称申报">
      <Typography.Paragraph type="secondary">
        录入单位、申报类型、职称系列、职称等级和专业（评委会可不选），查询完整审核路径；还没到终审机构就没有了上级机构，代表路径断在了这里，需要该单位或机构向上级申请路径，或由职称办配置审核路径。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => simulate.mutate({ ...v, committeeOrgId: v.committeeOrgId || undefined }, { onError: (e) => showError(e, form) })}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="unitOrgId" label="申报单位" rules={[{ required: true, message: '请选择申报单位' }]}>
          <OrgOptionPicker url="/organisations" placeholder="输入单位名称关键字" />
        </Form.Item>
        <ScopeFields />
        <Form.Item name="professionCode" label="专业" rules={[{ required: true, message: '请选择专业' }]}>
          <ProfessionPicker />
        </Form.Item>
        <Form.Item name="committeeOrgId" label="评委会（选填）">
          <OrgOptionPicker url={upperOptionsUrl('committee')} placeholder="不选则沿路径找到第一个终审机构" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={simulate.isPending}>
          查询完整审核路径
        </Button>
      </Form>
      {result && (
        <div style={{ marginTop: 24 }} data-testid="simulate-result">
          {result.broken ? (
            <Alert
              type="error"
              showIcon
              title={`审核路径在“${result.broken.nodeName}”处中断`}
              description={result.broken.reason}
              style={{ marginBottom: 16 }}
            />
          ) : (
            <Alert type="success" showIcon title={`审核路径完整，共 ${result.stages?.length ?? 0} 个环节`} style={{ marginBottom: 16 }} />
          )}
          {result.stages ? (
            <Steps
              orientation="vertical"
              size="small"
              current={result.stages.length}
              items={result.stages.map((s) => ({ title: s.label, description: s.orgName, status: 'finish' as const }))}
            />
          ) : (
            <Steps
              orientation="vertical"
              size="small"
              items={result.nodes.map((n, i) => ({
                title: n.name,
                description: i === breakIdx ? `路径在此中断：${result.broken!.reason}` : ORG_TYPE_LABELS[n.type],
                status: i === breakIdx ? ('error' as const) : ('finish' as const),
              }))}
            />
          )}
          <Table<TracedNode>
            title={() => <Typography.Text strong>路径节点</Typography.Text>}
            rowKey="orgId"
            size="small"
            dataSource={result.nodes}
            pagination={false}
            columns={[
              { title: '序号', dataIndex: 'depth', width: 64, render: (d: number) => d + 1 },
              { title: '机构', dataIndex: 'name' },
              { title: '机构类型', dataIndex: 'type', render: (t: OrgType) => ORG_TYPE_LABELS[t] },
              { title: '是否终审机构', dataIndex: 'isFinalAuthority', render: (v: boolean) => <YesNo value={v} /> },
              { title: '能否评审该专业', dataIndex: 'canReviewProfession', render: (v: boolean) => <YesNo value={v} /> },
              {
                title: '状态',
                key: 'state',
                render: (_: unknown, _n, i) => (i === breakIdx ? <Tag color="error">路径中断</Tag> : <Tag color="success">通过</Tag>),
              },
            ]}
          />
        </div>
      )}
    </Section>
  );
}

/** A-23 审核路径配置查询: an organisation's uppers and lowers, and a simulated declaration's whole path. */
export function DiagnosisPage() {
  return (
    <PageContainer title="审核路径诊断" description="查看各单位、主管部门、受理机构与评委会配置的上下级关系；模拟职称申报，核查路径是否完整、在哪里断了。">
      <SimulateSection />
      <LinksSection />
    </PageContainer>
  );
}
