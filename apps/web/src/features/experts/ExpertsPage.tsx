import { useState } from 'react';
import { App, Button, Col, Divider, Form, Input, Modal, Popconfirm, Radio, Row, Select, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EXPERT_STATUS_LABELS,
  TITLE_LEVEL_LABELS,
  validateIdCard,
  validateMobile,
  validatePassword,
  validateUsername,
  type ExpertDto,
  type ExpertStatus,
  type Page,
  type TitleLevel,
} from '@zhicheng/contracts';
import { useOpenValues } from '../../lib/form';
import { api, showError } from '../../lib/api';
import { required, ruleFrom } from '../../lib/validators';
import { FilterBar } from '../../components/FilterBar';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { RegionCascader } from '../../components/RegionCascader';
import { ExportButton } from '../../components/ExportButton';
import { OrgPicker } from '../admin/components/OrgPicker';
import { ProfessionSelect } from '../admin/components/ProfessionSelect';

const LEVEL_OPTIONS = Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const STATUS_OPTIONS = Object.entries(EXPERT_STATUS_LABELS).map(([value, label]) => ({ value, label }));
const STATUS_COLORS: Record<ExpertStatus, string> = { active: 'green', suspended: 'orange', retired: 'default' };

interface ExpertQuery {
  page: number;
  pageSize: number;
  keyword?: string;
  professionCode?: string;
  titleLevel?: string;
  status?: string;
  regionCode?: string;
}

type ConflictRow = { kind: 'org' | 'person'; organisationId?: string; name?: string; idCard?: string; reason?: string };
type ExpertForm = {
  accountMode: 'new' | 'existing';
  userId?: string;
  account?: { username: string; realName: string; mobile: string; password: string };
  professionCodes: string[];
  titleLevel: TitleLevel;
  titleName: string;
  organisationId?: string;
  regionCode: string;
  status?: ExpertStatus;
  conflicts: ConflictRow[];
};

function ExpertModal({ editing, open, onClose }: { editing: ExpertDto | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ExpertForm>();
  const initial = (): Partial<ExpertForm> => (editing
            ? {
                ...editing,
                organisationId: editing.organisationId ?? undefined,
                conflicts: editing.conflicts.map((c) => (c.organisationId ? { kind: 'org', organisationId: c.organisationId, reason: c.reason } : { kind: 'person', name: c.name, reason: c.reason })),
              }
            : { accountMode: 'new', conflicts: [], professionCodes: [] }) as Partial<ExpertForm>;
  useOpenValues(form, open, initial);
  const mode = Form.useWatch('accountMode', form);
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const submit = async ({ accountMode, conflicts, ...v }: ExpertForm) => {
    const body = {
      ...v,
      userId: editing ? editing.userId : accountMode === 'existing' ? v.userId : undefined,
      account: !editing && accountMode === 'new' ? v.account : undefined,
      titleName: v.titleName.trim(),
      conflicts: (conflicts ?? []).map((c) =>
        c.kind === 'org' ? { organisationId: c.organisationId, reason: c.reason?.trim() || undefined } : { name: c.name?.trim(), idCard: c.idCard?.trim().toUpperCase() || undefined, reason: c.reason?.trim() || undefined },
      ),
    };
    setSaving(true);
    try {
      if (editing) await api.put(`/experts/${editing.id}`, { ...body, version: editing.version });
      else await api.post('/experts', body);
      message.success('已保存');
      await qc.invalidateQueries({ queryKey: ['experts'] });
      onClose();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={editing ? `编辑专家：${editing.realName}` : '新增专家'} open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden width={820}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
      >
        {!editing && (
          <>
            <Form.Item name="accountMode" label="专家账号">
              <Radio.Group options={[{ value: 'new', label: '新建专家账号' }, { value: 'existing', label: '关联已有账号' }]} />
            </Form.Item>
            {mode === 'existing' ? (
              <Form.Item name="userId" label="账号 ID" rules={[{ required: true, message: '请输入已有专家账号的 ID' }]} extra="已有“评审专家”角色的账号，可在账号管理中查看">
                <Input />
              </Form.Item>
            ) : (
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name={['account', 'realName']} label="姓名" rules={[required('请输入专家姓名')]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['account', 'mobile']} label="手机号码" rules={[required('请输入手机号码'), ruleFrom(validateMobile)]}>
                    <Input maxLength={11} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['account', 'username']} label="用户名" rules={[required('请输入用户名'), ruleFrom(validateUsername)]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['account', 'password']} label="初始密码" rules={[required('请输入初始密码'), ruleFrom(validatePassword)]}>
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </>
        )}
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="professionCodes" label="评审专业" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个评审专业' }]}>
              <ProfessionSelect multiple />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="titleLevel" label="职称级别" rules={[{ required: true, message: '请选择职称级别' }]}>
              <Select options={LEVEL_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="titleName" label="职称名称" rules={[required('请输入职称名称')]}>
              <Input placeholder="如 正高级工程师" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="organisationId" label="工作单位">
              <OrgPicker />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label="所在地区" rules={[{ required: true, message: '请选择所在地区' }]}>
              <RegionCascader anyLevel />
            </Form.Item>
          </Col>
          {editing && (
            <Col span={8}>
              <Form.Item name="status" label="状态">
                <Select options={STATUS_OPTIONS} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start" plain>
          回避对象
        </Divider>
        <Form.List name="conflicts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'kind']}>
                    <Select style={{ width: 90 }} options={[{ value: 'org', label: '单位' }, { value: 'person', label: '个人' }]} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['conflicts', f.name, 'kind']) === 'org' ? (
                        <Form.Item name={[f.name, 'organisationId']} rules={[{ required: true, message: '请选择回避单位' }]}>
                          <OrgPicker />
                        </Form.Item>
                      ) : (
                        <Space>
                          <Form.Item name={[f.name, 'name']} rules={[required('请填写姓名')]}>
                            <Input placeholder="姓名" style={{ width: 110 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'idCard']} rules={[ruleFrom(validateIdCard, { optional: true })]}>
                            <Input placeholder="身份证号（仅保存脱敏）" style={{ width: 200 }} />
                          </Form.Item>
                        </Space>
                      )
                    }
                  </Form.Item>
                  <Form.Item name={[f.name, 'reason']}>
                    <Input placeholder="回避原因" style={{ width: 150 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除回避对象" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'org' })}>
                添加回避对象
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** The expert pool (评委库): title offices and committees manage the experts they own. */
export function ExpertsPage() {
  const [query, setQuery] = useState<ExpertQuery>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<ExpertDto | null>(null);
  const [open, setOpen] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { data, isFetching } = useQuery({ queryKey: ['experts', query], queryFn: () => api.get<Page<ExpertDto>>('/experts', { ...query }), placeholderData: keepPreviousData });
  const deactivate = async (e: ExpertDto) => {
    try {
      await api.post(`/experts/${e.id}/deactivate`, { version: e.version });
      message.success('已退出专家库');
      await qc.invalidateQueries({ queryKey: ['experts'] });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <PageContainer
      title="专家库"
      description="管理本机构的评审专家：评审专业、职称、工作单位、所在地区、状态及回避对象。"
      extra={
        <Space>
          <ExportButton path="/experts/export" query={{ ...query }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }}>
            新增专家
          </Button>
        </Space>
      }
    >
      <FilterBar<Omit<ExpertQuery, 'page' | 'pageSize'>>
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, keyword: v.keyword?.trim() || undefined, professionCode: v.professionCode || undefined, titleLevel: v.titleLevel || undefined, status: v.status || undefined, regionCode: v.regionCode || undefined }))}
      >
        <Form.Item name="keyword" label="姓名">
          <Input allowClear placeholder="姓名或用户名" />
        </Form.Item>
        <Form.Item name="professionCode" label="专业">
          <ProfessionSelect style={{ width: 200 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="titleLevel" label="级别">
          <Select options={LEVEL_OPTIONS} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="regionCode" label="地区">
          <RegionCascader anyLevel style={{ width: 220 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select options={STATUS_OPTIONS} allowClear placeholder="全部" style={{ width: 100 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<ExpertDto>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无专家' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '姓名', dataIndex: 'realName' },
            { title: '用户名', dataIndex: 'username' },
            { title: '职称', key: 'title', render: (_: unknown, e) => `${e.titleName}（${TITLE_LEVEL_LABELS[e.titleLevel]}）` },
            { title: '评审专业', dataIndex: 'professionCodes', render: (c: string[]) => c.join('、') },
            { title: '工作单位', dataIndex: 'organisationName', render: (n: string | null) => n ?? '—' },
            { title: '管理机构', dataIndex: 'managedByName' },
            { title: '回避', key: 'conflicts', render: (_: unknown, e) => e.conflicts.map((c) => c.name + (c.idCardMasked ? `（${c.idCardMasked}）` : '')).join('、') || '—' },
            { title: '状态', dataIndex: 'status', render: (s: ExpertStatus) => <Tag color={STATUS_COLORS[s]}>{EXPERT_STATUS_LABELS[s]}</Tag> },
            {
              title: '操作',
              key: 'ops',
              render: (_: unknown, e) => (
                <Space>
                  <Button type="link" size="small" onClick={() => { setEditing(e); setOpen(true); }}>
                    编辑
                  </Button>
                  {e.status !== 'retired' && (
                    <Popconfirm title={`确定让 ${e.realName} 退出专家库吗？`} okText="确定" cancelText="取消" onConfirm={() => deactivate(e)}>
                      <Button type="link" size="small" danger>
                        退出
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <ExpertModal editing={editing} open={open} onClose={() => setOpen(false)} />
    </PageContainer>
  );
}
