import { Button, Form, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { GenerateNumberRange, NumberPool, Page, PoolCertificate } from '@zhicheng/contracts';
import { NUMBER_SEQ_MAX } from '@zhicheng/contracts';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { api, showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { chinaYearNow } from '../../../lib/format';
import { useUrlQuery } from '../../../lib/url-query';
import { useIssuers } from '../api';

interface PoolsQuery {
  year?: number;
  /** the pool whose used numbers are listed: `{issuerCode}-{year}` */
  pool?: string;
  page: number;
  pageSize: number;
}

const poolsKey = ['certificate-number-pools'] as const;

/** A-12 证书编号生成: ranges per issuer and year, a new or longer range, and the numbers each range has handed out. */
export function NumberPoolsPage() {
  const [query, setQuery] = useUrlQuery<PoolsQuery>({ page: 1, pageSize: 20 });
  const qc = useQueryClient();
  const issuers = useIssuers();
  const [form] = Form.useForm<GenerateNumberRange>();
  const pools = useQuery({
    queryKey: [...poolsKey, query.year ?? null],
    queryFn: () => api.get<NumberPool[]>('/certificate-number-pools', { year: query.year }),
    placeholderData: keepPreviousData,
  });
  const [code, year] = (query.pool ?? '').split('-');
  const used = useQuery({
    queryKey: [...poolsKey, 'used', query.pool, query.page, query.pageSize],
    queryFn: () =>
      api.get<Page<PoolCertificate>>(`/certificate-number-pools/${code}/${year}/certificates`, {
        page: query.page,
        pageSize: query.pageSize,
      }),
    enabled: !!query.pool,
    placeholderData: keepPreviousData,
  });
  const generate = useMutation({
    mutationFn: (body: GenerateNumberRange) => api.post<NumberPool>('/certificate-number-pools', body),
    onSuccess: (p) => {
      feedback().success(`已生成号段 ${p.firstNo} – ${p.lastNo}`);
      void qc.invalidateQueries({ queryKey: poolsKey });
    },
  });
  const existing = (c?: string, y?: number) => pools.data?.find((p) => p.issuerCode === c && p.year === y);

  const submit = (v: GenerateNumberRange) => {
    const current = existing(v.issuerCode, v.year);
    const start = current ? current.endSeq + 1 : (v.startSeq ?? 1);
    const issuer = issuers.data?.items.find((i) => i.issuerCode === v.issuerCode)?.name ?? v.issuerCode;
    Modal.confirm({
      title: current ? '延长号段' : '生成号段',
      content: `${issuer} ${v.year} 年：${current ? `号段延长至序号 ${v.endSeq}，新增` : `序号 ${start} 至 ${v.endSeq}，共`} ${v.endSeq - start + 1} 个编号。确定吗？`,
      okText: '确定',
      cancelText: '取消',
      onOk: () =>
        generate.mutateAsync(current ? { issuerCode: v.issuerCode, year: v.year, endSeq: v.endSeq } : v).catch((e) => {
          showError(e, form);
        }),
    });
  };

  return (
    <PageContainer
      title="证书编号生成"
      description="证书编号为“发证单位编码(4位) + 年度(4位) + 级别(1位) + 序号(6位)”。为发证单位按年度生成号段，发证时按序号依次取号；号段用完会自动延长。"
    >
      <Section title="生成号段">
        <Form form={form} layout="inline" name="number-range" initialValues={{ year: chinaYearNow() }} onFinish={submit}>
          <Form.Item name="issuerCode" label="发证单位" rules={[{ required: true, message: '请选择发证单位' }]}>
            <Select
              style={{ width: 260 }}
              placeholder="请选择"
              loading={issuers.isLoading}
              options={(issuers.data?.items ?? []).map((i) => ({ value: i.issuerCode, label: `${i.name}（${i.issuerCode}）` }))}
            />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请输入年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="startSeq" label="起始序号" tooltip="新号段的第一个序号，留空为 1；已有号段只能延长结束序号">
            <InputNumber min={1} max={NUMBER_SEQ_MAX} precision={0} style={{ width: 120 }} placeholder="1" />
          </Form.Item>
          <Form.Item name="endSeq" label="结束序号" rules={[{ required: true, message: '请输入结束序号' }]}>
            <InputNumber min={1} max={NUMBER_SEQ_MAX} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={generate.isPending}>
              生成号段
            </Button>
          </Form.Item>
        </Form>
      </Section>

      <FilterBar<{ year?: number }>
        initialValues={{ year: query.year }}
        onSearch={(v) => {
          setQuery(() => ({ page: 1, pageSize: 20, year: v.year ?? undefined }));
          void pools.refetch();
        }}
      >
        <Form.Item name="year" label="年度">
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} placeholder="全部" />
        </Form.Item>
      </FilterBar>

      <Section title="号段">
        <div data-testid="number-pools">
          <Table<NumberPool>
            rowKey={(p) => `${p.issuerCode}-${p.year}`}
            loading={pools.isFetching}
            dataSource={pools.data ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: '暂无号段' }}
            columns={[
              { title: '发证单位', dataIndex: 'issuerName', ellipsis: true },
              { title: '编码', dataIndex: 'issuerCode', width: 80 },
              { title: '年度', dataIndex: 'year', width: 80 },
              { title: '号段', key: 'range', width: 320, render: (_: unknown, p) => `${p.firstNo} – ${p.lastNo}` },
              { title: '已使用', dataIndex: 'used', width: 90, align: 'right' },
              {
                title: '剩余',
                dataIndex: 'remaining',
                width: 90,
                align: 'right',
                render: (n: number) => (n < 100 ? <Tag color="orange">{n}</Tag> : n),
              },
              { title: '下一个序号', dataIndex: 'nextSeq', width: 110, align: 'right' },
              {
                title: '操作',
                key: 'ops',
                width: 120,
                render: (_: unknown, p) => {
                  const params = new URLSearchParams({
                    ...(query.year ? { year: String(query.year) } : {}),
                    pool: `${p.issuerCode}-${p.year}`,
                  });
                  return <Link to={`?${params.toString()}`}>查看已用编号</Link>;
                },
              },
            ]}
          />
        </div>
      </Section>

      {query.pool && (
        <Section title={`已使用的证书编号：${code} · ${year} 年`} extra={<Link to={query.year ? `?year=${query.year}` : '?'}>收起</Link>}>
          <div data-testid="pool-certificates">
            <Table<PoolCertificate>
              rowKey="id"
              loading={used.isFetching}
              dataSource={used.data?.items ?? []}
              scroll={{ x: 700 }}
              locale={{ emptyText: '该号段尚未使用' }}
              pagination={{
                current: query.page,
                pageSize: query.pageSize,
                total: used.data?.total ?? 0,
                showTotal: (n) => `共 ${n} 个`,
                onChange: (page, pageSize) => setQuery((x) => ({ ...x, page, pageSize })),
              }}
              columns={[
                { title: '证书编号', dataIndex: 'certificateNo', width: 180 },
                { title: '持证人', dataIndex: 'holderName', width: 120 },
                { title: '职称', dataIndex: 'titleName' },
                { title: '发证日期', dataIndex: 'issueDate', width: 120 },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 90,
                  render: (s: string) => (s === 'valid' ? <Tag color="green">有效</Tag> : <Tag color="red">已注销</Tag>),
                },
              ]}
            />
          </div>
        </Section>
      )}
    </PageContainer>
  );
}
