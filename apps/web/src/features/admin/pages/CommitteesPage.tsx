import { useState } from 'react';
import { App, Button, Col, DatePicker, Divider, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ADMIN_LEVEL_LABELS,
  COMMITTEE_CLASS_LABELS,
  TITLE_LEVEL_LABELS,
  validateMobile,
  validatePassword,
  validateUsername,
  type CommitteeDto,
  type Page,
  type TitleLevel,
} from '@zhicheng/contracts';
import { useOpenValues } from '../../../lib/form';
import { api, showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { RegionCascader } from '../../../components/RegionCascader';
import { ExportButton } from '../../../components/ExportButton';
import { LazyImportWizard as ImportWizard } from '../../../components/LazyImportWizard';
import { OrgPicker } from '../components/OrgPicker';
import { ProfessionSelect } from '../components/ProfessionSelect';
import { DeregisterModal } from '../components/DeregisterModal';
import { useSeries } from '../api/reference';

const CLASS_OPTIONS = Object.entries(COMMITTEE_CLASS_LABELS).map(([value, label]) => ({ value, label }));
const LEVEL_OPTIONS = Object.entries(ADMIN_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const TITLE_LEVEL_OPTIONS = Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }));

interface CommitteeQuery {
  page: number;
  pageSize: number;
  keyword?: string;
  committeeClass?: string;
  level?: string;
  status?: string;
  regionCode?: string;
  professionCode?: string;
}

interface ScopeRow {
  professionCode: string;
  seriesCode: string;
  levels: TitleLevel[];
}

interface CommitteeForm {
  name: string;
  regionCode: string;
  level: string;
  committeeClass: string;
  issuingDelegated: boolean;
  feeStandard?: string;
  /** C-17: 评审权备案有效期 */
  authority?: [Dayjs, Dayjs] | null;
  founderIds: string[];
  scope: ScopeRow[];
  changeContact?: boolean;
  contact?: { realName: string; mobile: string; username: string; password: string };
}

function groupScope(c: CommitteeDto): ScopeRow[] {
  const m = new Map<string, ScopeRow>();
  for (const p of c.professions) {
    const k = `${p.professionCode}|${p.seriesCode}`;
    if (!m.has(k)) m.set(k, { professionCode: p.professionCode, seriesCode: p.seriesCode, levels: [] });
    m.get(k)!.levels.push(p.titleLevel);
  }
  return [...m.values()];
}

function CommitteeModal({ editing, open, onClose }: { editing: CommitteeDto | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CommitteeForm>();
  const initial = (): Partial<CommitteeForm> => (editing
            ? { ...editing, feeStandard: editing.feeStandard ?? undefined, authority: editing.authorityFrom && editing.authorityUntil ? [dayjs(editing.authorityFrom), dayjs(editing.authorityUntil)] : null, founderIds: editing.founders.map((f) => f.id), scope: groupScope(editing) }
            : { issuingDelegated: false, founderIds: [], scope: [{ seriesCode: 'GC', levels: [] }] }) as Partial<CommitteeForm>;
  useOpenValues(form, open, initial);
  const { data: series } = useSeries();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const changeContact = Form.useWatch('changeContact', form);
  const needContact = !editing || !!changeContact;
  const submit = async ({ scope, changeContact: _c, contact, authority, ...v }: CommitteeForm) => {
    const body = {
      ...v,
      authorityFrom: authority ? authority[0].format('YYYY-MM-DD') : null,
      authorityUntil: authority ? authority[1].format('YYYY-MM-DD') : null,
      name: v.name.trim(),
      feeStandard: v.feeStandard?.trim() || undefined,
      founderIds: v.founderIds ?? [],
      professions: (scope ?? []).flatMap((s) => s.levels.map((titleLevel) => ({ professionCode: s.professionCode, seriesCode: s.seriesCode, titleLevel }))),
      contact: needContact && contact?.username ? { ...contact, realName: contact.realName.trim() } : undefined,
    };
    setSaving(true);
    try {
      if (editing) await api.put(`/committees/${editing.id}`, { ...body, version: editing.version });
      else await api.post('/committees', body);
      message.success(editing ? '已保存' : '评委会已创建');
      await qc.invalidateQueries({ queryKey: ['admin', 'committees'] });
      onClose();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={editing ? '编辑评委会' : '新建评委会'} open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden width={820}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        scrollToFirstError={{ focus: true }}
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label="评委会名称" rules={[required('请输入评委会名称'), { max: 200, message: '名称不能超过200字' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label="所在地区" rules={[{ required: true, message: '请选择所在地区' }]}>
              <RegionCascader anyLevel />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择评委会级别' }]}>
              <Select options={LEVEL_OPTIONS} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="committeeClass" label="类别" rules={[{ required: true, message: '请选择评委会类别' }]}>
              <Select options={CLASS_OPTIONS} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="founderIds" label="组建单位">
              <OrgPicker multiple placeholder="输入单位名称或信用代码搜索，可多选" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="issuingDelegated" label="发证权限下放" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          评审专业及级别
        </Divider>
        <Form.List name="scope">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }} className="scope-row">
                  <Form.Item name={[f.name, 'seriesCode']} rules={[{ required: true, message: '请选择系列' }]}>
                    <Select style={{ width: 150 }} placeholder="职称系列" options={(series ?? []).map((s) => ({ value: s.code, label: s.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'professionCode']} rules={[{ required: true, message: '请选择专业' }]}>
                    <ProfessionSelect style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'levels']} rules={[{ required: true, type: 'array', min: 1, message: '请选择级别' }]}>
                    <Select mode="multiple" style={{ width: 260 }} placeholder="可评审级别" options={TITLE_LEVEL_OPTIONS} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除该专业" />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ seriesCode: 'GC', levels: [] })} icon={<PlusOutlined />}>
                添加评审专业
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="authority" label="评审权备案有效期" style={{ marginTop: 16 }} extra="评委会只能在备案有效期内制定评审方案、抽取评委和召开评审会议">
          <DatePicker.RangePicker style={{ width: 320 }} />
        </Form.Item>
        <Form.Item name="feeStandard" label="收费标准">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          联系人（评委会经办人账号）
        </Divider>
        {editing && (
          <Space style={{ marginBottom: 12 }}>
            <Typography.Text>当前联系人：{editing.contact ? `${editing.contact.realName}（${editing.contact.username}）` : '未设置'}</Typography.Text>
            <Form.Item name="changeContact" valuePropName="checked" noStyle>
              <Switch checkedChildren="更换联系人" unCheckedChildren="保持不变" />
            </Form.Item>
          </Space>
        )}
        {needContact && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name={['contact', 'realName']} label="联系人姓名" rules={[required('请输入联系人姓名')]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['contact', 'mobile']} label="联系人手机" rules={[required('请输入手机号码'), ruleFrom(validateMobile)]}>
                <Input maxLength={11} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['contact', 'username']} label="经办人用户名" rules={[required('请输入用户名'), ruleFrom(validateUsername)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['contact', 'password']} label="初始密码" rules={[required('请输入初始密码'), ruleFrom(validatePassword)]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Modal>
  );
}

/** committees: query, create/edit, deregister with a reason, import, export. */
export function CommitteesPage() {
  const [query, setQuery] = useState<CommitteeQuery>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<CommitteeDto | null>(null);
  const [open, setOpen] = useState(false);
  const [dereg, setDereg] = useState<CommitteeDto | null>(null);
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'committees'] });
  const { data, isFetching } = useQuery({ queryKey: ['admin', 'committees', query], queryFn: () => api.get<Page<CommitteeDto>>('/committees', { ...query }), placeholderData: keepPreviousData });
  return (
    <PageContainer
      title="评委会管理"
      description="维护辖区内评委会的类别、级别、组建单位、评审专业及联系人。"
      extra={
        <Space>
          <ImportWizard kind="committees" title="评委会" onDone={refresh} />
          <ExportButton path="/committees/export" query={{ ...query }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }}>
            新建评委会
          </Button>
        </Space>
      }
    >
      <FilterBar<Omit<CommitteeQuery, 'page' | 'pageSize'>>
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, keyword: v.keyword?.trim() || undefined, committeeClass: v.committeeClass || undefined, level: v.level || undefined, status: v.status || undefined, regionCode: v.regionCode || undefined, professionCode: v.professionCode || undefined }))}
      >
        <Form.Item name="keyword" label="名称">
          <Input allowClear placeholder="评委会名称" />
        </Form.Item>
        <Form.Item name="committeeClass" label="类别">
          <Select options={CLASS_OPTIONS} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="level" label="级别">
          <Select options={LEVEL_OPTIONS} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="regionCode" label="地区">
          <RegionCascader anyLevel style={{ width: 220 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="professionCode" label="专业">
          <ProfessionSelect style={{ width: 200 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select options={[{ value: 'active', label: '正常' }, { value: 'deregistered', label: '已注销' }]} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<CommitteeDto>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无评委会' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '评委会名称', dataIndex: 'name' },
            { title: '级别', dataIndex: 'level', render: (l: keyof typeof ADMIN_LEVEL_LABELS) => ADMIN_LEVEL_LABELS[l] },
            { title: '类别', dataIndex: 'committeeClass', render: (c: keyof typeof COMMITTEE_CLASS_LABELS) => COMMITTEE_CLASS_LABELS[c] },
            { title: '组建单位', key: 'founders', render: (_: unknown, c) => c.founders.map((f) => f.name).join('、') || '—' },
            { title: '评审专业', key: 'profs', render: (_: unknown, c) => `${new Set(c.professions.map((p) => p.professionCode)).size} 个专业` },
            { title: '备案有效期', key: 'authority', render: (_: unknown, c) => (c.authorityFrom ? `${c.authorityFrom} 至 ${c.authorityUntil}` : <Tag color="orange">未登记</Tag>) },
            { title: '发证下放', dataIndex: 'issuingDelegated', render: (v: boolean) => (v ? '是' : '否') },
            { title: '联系人', key: 'contact', render: (_: unknown, c) => c.contact?.realName ?? '—' },
            { title: '状态', key: 'status', render: (_: unknown, c) => (c.status === 'active' ? <Tag color="green">正常</Tag> : <Tag title={c.deregisterReason ?? ''}>已注销</Tag>) },
            {
              title: '操作',
              key: 'ops',
              render: (_: unknown, c) =>
                c.status === 'active' && (
                  <Space>
                    <Button type="link" size="small" onClick={() => { setEditing(c); setOpen(true); }}>
                      编辑
                    </Button>
                    <Button type="link" size="small" danger onClick={() => setDereg(c)}>
                      注销
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Section>
      <CommitteeModal editing={editing} open={open} onClose={() => setOpen(false)} />
      <DeregisterModal target={dereg} path={(id) => `/committees/${id}/deregister`} onClose={() => setDereg(null)} onDone={refresh} />
    </PageContainer>
  );
}
