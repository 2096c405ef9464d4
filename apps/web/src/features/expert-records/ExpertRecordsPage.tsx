import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { EXPERT_STATUS_LABELS, TITLE_LEVEL_LABELS, type ExpertDto, type ExpertStatus, type Page, type TitleLevel } from '@zhicheng/contracts';
import { FilterBar } from '../../components/FilterBar';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { pagination } from '../audit/components/AuditFilters';

type RecordItem = ExpertDto & { realName: string; organisationName: string | null; participationCount: number | null };
interface RecordsPage extends Page<RecordItem> {
  participationAvailable: boolean;
}
interface Participation {
  planId: string;
  planName: string;
  committeeName: string;
  batchName: string | null;
  year: number;
  role: 'panel' | 'reserve';
  status: string;
  drawnAt: string;
}
interface RecordDetail {
  expert: RecordItem & { mobileMasked: string | null; email: string | null; enteredAt: string | null; managedByName: string };
  participationAvailable: boolean;
  participations: Participation[];
}
interface Query {
  page: number;
  pageSize: number;
  keyword?: string;
  titleLevel?: string;
  status?: string;
  year?: number;
}

const STATUS_COLORS: Record<ExpertStatus, string> = { active: 'green', suspended: 'orange', retired: 'default' };
const PENDING = '评审参与记录来自评审方案与抽取评委（C-02、C-03），该功能上线后在此显示。';

function RecordDrawer({ id, year, onClose }: { id: string | null; year?: number; onClose: () => void }) {
  const { data } = useQuery({ queryKey: ['expert-records', 'detail', id, year], queryFn: () => api.get<RecordDetail>(`/expert-records/${id}`, { year }), enabled: !!id });
  const e = data?.expert;
  return (
    <Drawer title="评委申报详细信息" open={id !== null} onClose={onClose} width={680} destroyOnHidden>
      {e && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="姓名">{e.realName}</Descriptions.Item>
            <Descriptions.Item label="手机">{e.mobileMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="工作单位" span={2}>{e.organisationName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="职称">{e.titleName}</Descriptions.Item>
            <Descriptions.Item label="职称级别">{TITLE_LEVEL_LABELS[e.titleLevel as TitleLevel]}</Descriptions.Item>
            <Descriptions.Item label="评审专业" span={2}>{e.professionCodes.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="管理机构">{e.managedByName}</Descriptions.Item>
            <Descriptions.Item label="入库时间">{formatDateTime(e.enteredAt)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[e.status]}>{EXPERT_STATUS_LABELS[e.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="申报回避">
              {e.conflicts.length ? e.conflicts.map((c, i) => <div key={i}>{c.name}{c.idCardMasked ? `（${c.idCardMasked}）` : ''}{c.reason ? `：${c.reason}` : ''}</div>) : '无'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            评审参与记录
          </Typography.Title>
          {!data.participationAvailable && <Alert type="info" showIcon message={PENDING} style={{ marginBottom: 12 }} />}
          <Table<Participation>
            rowKey={(r) => `${r.planId}-${r.role}`}
            size="small"
            pagination={false}
            dataSource={data.participations}
            locale={{ emptyText: '暂无评审参与记录' }}
            columns={[
              { title: '年度', dataIndex: 'year', width: 70 },
              { title: '评审方案', dataIndex: 'planName', ellipsis: true },
              { title: '申报批次', dataIndex: 'batchName', ellipsis: true },
              { title: '身份', dataIndex: 'role', width: 80, render: (r: string) => (r === 'panel' ? '评委' : '候补') },
              { title: '状态', dataIndex: 'status', width: 90 },
              { title: '抽取时间', dataIndex: 'drawnAt', width: 160, render: (d: string) => formatDateTime(d) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

/** C-08 评委申报记录查询: the committee's experts, what each declared, and the reviews each took part in. */
export function ExpertRecordsPage() {
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({ queryKey: ['expert-records', query], queryFn: () => api.get<RecordsPage>('/expert-records', { ...query }), placeholderData: keepPreviousData });
  const [viewing, setViewing] = useState<string | null>(null);
  return (
    <PageContainer title="评委申报记录查询" description="本评委会评委库中的评委：申报入库的信息（单位、职称、评审专业、回避对象）及参与评审的记录。">
      <FilterBar<Omit<Query, 'page' | 'pageSize'>> onSearch={(v) => setQuery((q) => ({ ...q, keyword: v.keyword?.trim() || undefined, titleLevel: v.titleLevel || undefined, status: v.status || undefined, year: v.year || undefined, page: 1 }))}>
        <Form.Item name="keyword" label="姓名">
          <Input allowClear placeholder="姓名或账号" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="titleLevel" label="职称级别">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 110 }} options={Object.entries(EXPERT_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="year" label="参评年度">
          <InputNumber min={2000} max={2100} placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      {data && !data.participationAvailable && <Alert type="info" showIcon message={PENDING} />}
      <Section>
        <Table<RecordItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无评委' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            { title: '姓名', dataIndex: 'realName', width: 110 },
            { title: '工作单位', dataIndex: 'organisationName', ellipsis: true },
            { title: '职称', dataIndex: 'titleName', width: 150 },
            { title: '职称级别', dataIndex: 'titleLevel', width: 90, render: (l: TitleLevel) => TITLE_LEVEL_LABELS[l] },
            { title: '评审专业', dataIndex: 'professionCodes', ellipsis: true, render: (c: string[]) => c.join('、') },
            { title: '状态', dataIndex: 'status', width: 80, render: (s: ExpertStatus) => <Tag color={STATUS_COLORS[s]}>{EXPERT_STATUS_LABELS[s]}</Tag> },
            { title: '参评次数', dataIndex: 'participationCount', width: 90, render: (n: number | null) => n ?? '—' },
            {
              title: '操作',
              key: 'ops',
              width: 80,
              render: (_: unknown, r) => (
                <Button type="link" size="small" onClick={() => setViewing(r.id)}>
                  查询
                </Button>
              ),
            },
          ]}
        />
      </Section>
      <RecordDrawer id={viewing} year={query.year} onClose={() => setViewing(null)} />
    </PageContainer>
  );
}
