import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import {
  ADMIN_LEVEL_LABELS,
  OrgType,
  ORG_TYPE_LABELS,
  UNIT_NATURE_LABELS,
  validateCreditCode,
  type OrganisationDto,
  type Page,
} from '@zhicheng/contracts';
import { useOpenValues } from '../../../lib/form';
import { api, showError } from '../../../lib/api';
import { required, ruleFrom } from '../../../lib/validators';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { RegionCascader } from '../../../components/RegionCascader';
import { ExportButton } from '../../../components/ExportButton';
import { ImportWizard } from '../../../components/ImportWizard';
import { DeregisterModal } from '../components/DeregisterModal';
import type { OrgQuery } from '../api';

const TYPE_OPTIONS = Object.values(OrgType)
  .filter((t) => t !== OrgType.Committee)
  .map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }));
const LEVEL_OPTIONS = Object.entries(ADMIN_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const NATURE_OPTIONS = Object.entries(UNIT_NATURE_LABELS).map(([value, label]) => ({ value, label }));
const LEVELLED: string[] = [OrgType.TitleOffice, OrgType.AdminDept, OrgType.IndustryDept, OrgType.AcceptanceInstitution];

type OrgForm = {
  name: string;
  type: OrgType;
  regionCode: string;
  level?: string;
  creditCode?: string;
  nature?: string;
  contactName?: string;
  contactPhone?: string;
  certificateName?: string;
  declarationNotice?: string;
  issuerCode?: string;
};

function OrgModal({ editing, open, onClose }: { editing: OrganisationDto | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OrgForm>();
  const initial = (): Partial<OrgForm> => (editing
            ? { ...editing, level: editing.level ?? undefined, creditCode: editing.creditCode ?? undefined, nature: editing.nature ?? undefined, certificateName: editing.acceptance?.certificateName, declarationNotice: editing.acceptance?.declarationNotice ?? undefined, issuerCode: editing.issuer?.issuerCode }
            : { type: OrgType.Unit }) as Partial<OrgForm>;
  useOpenValues(form, open, initial);
  const type = Form.useWatch('type', form);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async (v: OrgForm) => {
    setSaving(true);
    const body = { ...v, name: v.name.trim(), creditCode: v.creditCode?.trim().toUpperCase() || undefined };
    try {
      if (editing) await api.put(`/organisations/${editing.id}`, { ...body, version: editing.version });
      else await api.post('/organisations', body);
      message.success(editing ? '已保存' : '机构已创建');
      await qc.invalidateQueries({ queryKey: ['admin', 'organisations'] });
      onClose();
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={editing ? '编辑机构' : '新建机构'} open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden width={640}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
      >
        <Form.Item name="type" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
          <Select options={TYPE_OPTIONS} disabled={!!editing} />
        </Form.Item>
        <Form.Item name="name" label="机构名称" rules={[required('请输入机构名称'), { max: 200, message: '机构名称不能超过200字' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label="所在地区" rules={[{ required: true, message: '请选择所在地区' }]}>
          <RegionCascader anyLevel />
        </Form.Item>
        {type && LEVELLED.includes(type) && (
          <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
            <Select options={LEVEL_OPTIONS} />
          </Form.Item>
        )}
        {type === OrgType.Unit && (
          <>
            <Form.Item name="creditCode" label="统一社会信用代码" rules={[required('请输入统一社会信用代码'), ruleFrom(validateCreditCode)]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="nature" label="单位性质" rules={[{ required: true, message: '请选择单位性质' }]}>
              <Select options={NATURE_OPTIONS} />
            </Form.Item>
          </>
        )}
        {type === OrgType.AcceptanceInstitution && (
          <>
            <Form.Item name="certificateName" label="证书打印名称" rules={[required('请输入证书打印名称')]}>
              <Input />
            </Form.Item>
            <Form.Item name="declarationNotice" label="申报须知">
              <Input.TextArea rows={4} />
            </Form.Item>
          </>
        )}
        {type === OrgType.Issuer && (
          <Form.Item name="issuerCode" label="发证单位代码" rules={[{ required: true, pattern: /^\d{4}$/, message: '发证单位代码应为4位数字' }]}>
            <Input maxLength={4} />
          </Form.Item>
        )}
        <Space.Compact block>
          <Form.Item name="contactName" label="联系人" style={{ flex: 1, marginRight: 12 }}>
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}

/** DOMAIN §3: organisations of every type in the admin's region; filters, per-type forms, deregistration, import, export. */
export function OrganisationsPage() {
  const [query, setQuery] = useState<OrgQuery>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<OrganisationDto | null>(null);
  const [open, setOpen] = useState(false);
  const [dereg, setDereg] = useState<OrganisationDto | null>(null);
  const qc = useQueryClient();
  const { data, isFetching } = useQuery({ queryKey: ['admin', 'organisations', 'page', query], queryFn: () => api.get<Page<OrganisationDto>>('/organisations', { ...query }), placeholderData: keepPreviousData });
  const edit = async (o: OrganisationDto) => {
    try {
      setEditing(await api.get<OrganisationDto>(`/organisations/${o.id}`));
      setOpen(true);
    } catch (e) {
      showError(e);
    }
  };
  return (
    <PageContainer
      title="机构管理"
      description="管理辖区内的单位、主管部门、职称办、受理机构和发证单位；评委会请在评委会管理中维护。"
      extra={
        <Space>
          <ImportWizard kind="organisations" title="机构" onDone={() => void qc.invalidateQueries({ queryKey: ['admin', 'organisations'] })} />
          <ImportWizard kind="acceptance" title="受理机构" onDone={() => void qc.invalidateQueries({ queryKey: ['admin', 'organisations'] })} />
          <ExportButton path="/organisations/export" query={{ ...query }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setOpen(true); }}>
            新建机构
          </Button>
        </Space>
      }
    >
      <FilterBar<{ keyword?: string; type?: OrgType; regionCode?: string; status?: string }>
        onSearch={(v) => setQuery((q) => ({ page: 1, pageSize: q.pageSize, keyword: v.keyword?.trim() || undefined, type: v.type || undefined, regionCode: v.regionCode || undefined, status: v.status || undefined }))}
      >
        <Form.Item name="keyword" label="关键词">
          <Input placeholder="名称或信用代码" allowClear />
        </Form.Item>
        <Form.Item name="type" label="类型">
          <Select options={Object.values(OrgType).map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))} placeholder="全部" allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="regionCode" label="地区">
          <RegionCascader anyLevel style={{ width: 240 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select options={[{ value: 'active', label: '正常' }, { value: 'deregistered', label: '已注销' }]} placeholder="全部" allowClear style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      <Section>
        <Table<OrganisationDto>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无机构' }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setQuery((q) => ({ ...q, sort: s?.order ? (s.field as string) : undefined, order: s?.order === 'descend' ? 'desc' : s?.order ? 'asc' : undefined }) as OrgQuery);
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '机构名称', dataIndex: 'name', sorter: true },
            { title: '类型', dataIndex: 'type', render: (t: OrgType) => ORG_TYPE_LABELS[t] },
            { title: '地区', dataIndex: 'regionCode', sorter: true, render: (c: string, o) => o.regionName ?? c },
            { title: '级别', dataIndex: 'level', render: (l: keyof typeof ADMIN_LEVEL_LABELS | null) => (l ? ADMIN_LEVEL_LABELS[l] : '—') },
            { title: '统一社会信用代码', dataIndex: 'creditCode', render: (c: string | null) => c ?? '—' },
            {
              title: '状态',
              key: 'status',
              render: (_: unknown, o) =>
                o.status === 'deregistered' ? <Tag>已注销</Tag> : o.type === OrgType.Unit ? (o.permitted ? <Tag color="green">已取得权限</Tag> : <Tag color="orange">未取得权限</Tag>) : <Tag color="green">正常</Tag>,
            },
            {
              title: '操作',
              key: 'ops',
              render: (_: unknown, o) =>
                o.status === 'active' && (
                  <Space>
                    <Button type="link" size="small" onClick={() => void edit(o)}>
                      编辑
                    </Button>
                    <Button type="link" size="small" danger onClick={() => setDereg(o)}>
                      注销
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Section>
      <OrgModal editing={editing} open={open} onClose={() => setOpen(false)} />
      <DeregisterModal
        target={dereg ? { id: dereg.id, name: dereg.name } : null}
        path={(id) => `/organisations/${id}/deregister`}
        onClose={() => setDereg(null)}
        onDone={() => void qc.invalidateQueries({ queryKey: ['admin', 'organisations'] })}
      />
    </PageContainer>
  );
}
