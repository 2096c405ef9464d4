import { useRef, useState } from 'react';
import { Alert, App, Button, Form, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { DECLARATION_KIND_LABELS, ORG_TYPE_LABELS, TITLE_LEVEL_LABELS, type DeclarationKind, type OrgType, type TitleLevel } from '@zhicheng/contracts';
import { downloadFile, showError } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { FilterBar } from '../../../components/FilterBar';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import {
  upperOptionsUrl,
  useCreateEdge,
  useDeleteEdge,
  useEdges,
  useImportEdges,
  type EdgeItem,
  type EdgeQuery,
  type EdgeScope,
  type EdgeStatus,
  type ImportResult,
  type ImportRow,
} from '../api';
import { OrgOptionPicker } from '../components/OrgOptionPicker';
import { ScopeFields, useSeriesName } from '../components/ScopeFields';
import { SOURCE_LABELS, STATUS_OPTIONS, StatusTag } from '../components/labels';

type EdgeForm = EdgeScope & { lowerOrgId: string; upperOrgId: string; upperSide: 'upper' | 'committee' };

function CreateEdgeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<EdgeForm>();
  const create = useCreateEdge();
  const { message } = App.useApp();
  const side = Form.useWatch('upperSide', form) ?? 'upper';
  return (
    <Modal title="新增审核路径" open={open} onCancel={onClose} okText="保存" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} destroyOnHidden width={600}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ upperSide: 'upper' }}
        onFinish={({ upperSide: _side, ...v }) =>
          create.mutate(v, {
            onSuccess: (e) => {
              message.success(`已配置：${e.lowerOrgName} → ${e.upperOrgName}`);
              onClose();
            },
            onError: (e) => showError(e, form),
          })
        }
      >
        <Form.Item name="lowerOrgId" label="下级机构" rules={[{ required: true, message: '请选择下级机构' }]}>
          <OrgOptionPicker url="/organisations" placeholder="输入下级单位或机构名称搜索" />
        </Form.Item>
        <Form.Item name="upperSide" label="上级类型">
          <Radio.Group
            onChange={() => form.setFieldValue('upperOrgId', undefined)}
            options={[
              { value: 'upper', label: '主管部门 / 职称办 / 受理机构' },
              { value: 'committee', label: '评委会' },
            ]}
          />
        </Form.Item>
        <Form.Item name="upperOrgId" label="上级机构" rules={[{ required: true, message: '请选择上级机构' }]}>
          <OrgOptionPicker key={side} url={upperOptionsUrl(side)} placeholder="输入上级机构名称搜索" />
        </Form.Item>
        <ScopeFields />
      </Form>
    </Modal>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('文件读取失败'));
    r.readAsDataURL(file);
  });
}

function ImportModal({ preview, onClose, onCommit, committing }: { preview: ImportResult | null; onClose: () => void; onCommit: () => void; committing: boolean }) {
  return (
    <Modal
      title="导入预览"
      open={preview !== null}
      onCancel={onClose}
      width={960}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!preview?.okCount} loading={committing} onClick={onCommit}>
            导入 {preview?.okCount ?? 0} 条
          </Button>
        </Space>
      }
    >
      {preview && (
        <Alert
          type={preview.failCount ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`${preview.okCount} 条成功，${preview.failCount} 条失败`}
          description={preview.failCount ? '失败的行不会导入；请修改Excel后重新上传，或只导入成功的行。' : undefined}
        />
      )}
      <Table<ImportRow>
        rowKey="row"
        size="small"
        dataSource={preview?.rows ?? []}
        pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 行` }}
        columns={[
          { title: '行号', dataIndex: 'row', width: 64 },
          { title: '下级机构', dataIndex: 'lower' },
          { title: '上级机构', dataIndex: 'upper' },
          { title: '申报类型', dataIndex: 'kind', width: 90 },
          { title: '职称系列', dataIndex: 'seriesCode', width: 90 },
          { title: '职称等级', dataIndex: 'titleLevel', width: 90 },
          {
            title: '校验结果',
            key: 'result',
            render: (_: unknown, r) =>
              r.ok ? (
                <Tag color="success">成功</Tag>
              ) : (
                <Typography.Text type="danger">{r.errors.join('；')}</Typography.Text>
              ),
          },
        ]}
      />
    </Modal>
  );
}

/** A-04 审核路径配置: the edges in the office's region, created one by one or imported from Excel. */
export function EdgesPage() {
  const [query, setQuery] = useState<EdgeQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const fileData = useRef<string>('');
  const fileInput = useRef<HTMLInputElement>(null);
  const { data, isFetching } = useEdges(query);
  const remove = useDeleteEdge();
  const importer = useImportEdges();
  const { message } = App.useApp();
  const seriesName = useSeriesName();

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (!/\.xlsx$/i.test(file.name)) return void message.error('请上传 .xlsx 格式的Excel文件');
    if (file.size > 700 * 1024) return void message.error('Excel文件不超过700KB，请分批导入');
    fileData.current = await readBase64(file);
    importer.mutate({ fileBase64: fileData.current, commit: false }, { onSuccess: setPreview, onError: (e) => showError(e) });
  };

  const commit = () =>
    importer.mutate(
      { fileBase64: fileData.current, commit: true },
      {
        onSuccess: (r) => {
          message.success(`已导入 ${r.created} 条审核路径`);
          setPreview(null);
        },
        onError: (e) => showError(e),
      },
    );

  return (
    <PageContainer
      title="审核路径配置"
      description="配置辖区内单位、主管部门、职称办、受理机构与评委会之间的上下级关系。同一机构在同一申报类型、系列、等级下只能有一个上级。"
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile('/audit-tree/edges/import-template', undefined, '审核路径导入模板.xlsx').catch((e) => showError(e))}>
            下载模板
          </Button>
          <Button icon={<UploadOutlined />} loading={importer.isPending && !preview} onClick={() => fileInput.current?.click()}>
            Excel导入
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx"
            data-testid="edge-import-file"
            style={{ display: 'none' }}
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增路径
          </Button>
        </Space>
      }
    >
      <FilterBar<{ orgId?: string; status?: EdgeStatus; kind?: DeclarationKind; seriesCode?: string; titleLevel?: TitleLevel }>
        onSearch={(v) =>
          setQuery((q) => ({
            ...q,
            page: 1,
            orgId: v.orgId || undefined,
            status: v.status || undefined,
            kind: v.kind || undefined,
            seriesCode: v.seriesCode || undefined,
            titleLevel: v.titleLevel || undefined,
          }))
        }
      >
        <Form.Item name="orgId" label="机构">
          <OrgOptionPicker url="/organisations" placeholder="上级或下级机构" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select options={STATUS_OPTIONS} placeholder="全部" allowClear style={{ width: 130 }} />
        </Form.Item>
        <ScopeFields filter />
      </FilterBar>
      <Section>
        <Table<EdgeItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无审核路径' }}
          scroll={{ x: 1100 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          columns={[
            { title: '下级机构', dataIndex: 'lowerOrgName', render: (n: string, r) => `${n}（${ORG_TYPE_LABELS[r.lowerOrgType]}）` },
            { title: '上级机构', dataIndex: 'upperOrgName', render: (n: string, r) => `${n}（${ORG_TYPE_LABELS[r.upperOrgType as OrgType]}）` },
            { title: '申报类型', dataIndex: 'kind', width: 90, render: (k: DeclarationKind) => DECLARATION_KIND_LABELS[k] },
            { title: '职称系列', dataIndex: 'seriesCode', width: 120, render: seriesName },
            { title: '职称等级', dataIndex: 'titleLevel', width: 90, render: (l: TitleLevel) => TITLE_LEVEL_LABELS[l] },
            { title: '状态', dataIndex: 'status', width: 110, render: (s: EdgeStatus) => <StatusTag status={s} /> },
            { title: '来源', dataIndex: 'source', width: 100, render: (s: EdgeItem['source']) => SOURCE_LABELS[s] },
            { title: '创建日期', dataIndex: 'createdAt', width: 110, render: (d: string) => formatDate(d) },
            {
              title: '操作',
              key: 'actions',
              width: 80,
              fixed: 'right',
              render: (_: unknown, r) => (
                <Popconfirm
                  title="确定删除该审核路径吗？"
                  description="删除后经该路径的申报将无法提交。"
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
      <CreateEdgeModal open={creating} onClose={() => setCreating(false)} />
      <ImportModal preview={preview} onClose={() => setPreview(null)} onCommit={commit} committing={importer.isPending} />
    </PageContainer>
  );
}
