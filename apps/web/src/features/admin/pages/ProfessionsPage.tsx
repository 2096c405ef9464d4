import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Table } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, showError } from '../../../lib/api';
import { required } from '../../../lib/validators';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { refKeys, useProfessionTree, type ProfessionNode } from '../api/reference';

type Editing = { mode: 'create'; parent: ProfessionNode } | { mode: 'edit'; node: ProfessionNode } | null;

/** Leaves without an empty `children` (the table would show an expand icon). */
const strip = (nodes: ProfessionNode[]): ProfessionNode[] =>
  nodes.map((n) => ({ ...n, children: n.children.length ? strip(n.children) : (undefined as unknown as ProfessionNode[]) }));

/** the profession tree. Top-level categories are fixed; below them nodes are added, renamed, or deleted when nothing refers to them. */
export function ProfessionsPage() {
  const { data, isFetching } = useProfessionTree();
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm<{ code: string; name: string; sortOrder?: number }>();
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const refresh = () => qc.invalidateQueries({ queryKey: refKeys.professionTree });
  const remove = async (n: ProfessionNode) => {
    try {
      await api.delete(`/professions/${n.id}`);
      message.success('已删除');
      await refresh();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <PageContainer title="专业管理" description="维护职称专业树。顶级类别由国家统一规定，不可增删；被评委会、专家或申报引用的专业不能删除。">
      <Section>
        <Table<ProfessionNode>
          rowKey="id"
          loading={isFetching}
          dataSource={strip(data ?? [])}
          pagination={false}
          locale={{ emptyText: '暂无专业' }}
          columns={[
            { title: '专业名称', dataIndex: 'name' },
            { title: '专业代码', dataIndex: 'code' },
            { title: '排序', dataIndex: 'sortOrder', width: 80 },
            {
              title: '操作',
              key: 'ops',
              width: 240,
              render: (_: unknown, n) => (
                <Space>
                  <Button type="link" size="small" onClick={() => { form.resetFields(); setEditing({ mode: 'create', parent: n }); }}>
                    添加下级
                  </Button>
                  <Button type="link" size="small" onClick={() => { form.setFieldsValue({ code: n.code, name: n.name, sortOrder: n.sortOrder }); setEditing({ mode: 'edit', node: n }); }}>
                    编辑
                  </Button>
                  <Popconfirm title={`确定删除“${n.name}”吗？`} okText="删除" cancelText="取消" onConfirm={() => remove(n)}>
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <Modal
        title={editing?.mode === 'create' ? `添加“${editing.parent.name}”的下级专业` : '编辑专业'}
        open={!!editing}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            setSaving(true);
            try {
              if (editing?.mode === 'create') await api.post('/professions', { parentId: editing.parent.id, code: v.code.trim(), name: v.name.trim(), sortOrder: v.sortOrder });
              else if (editing?.mode === 'edit') await api.patch(`/professions/${editing.node.id}`, { name: v.name.trim(), sortOrder: v.sortOrder });
              message.success('已保存');
              setEditing(null);
              await refresh();
            } catch (e) {
              showError(e, form);
            } finally {
              setSaving(false);
            }
          }}
        >
          <Form.Item name="code" label="专业代码" rules={[required('请输入专业代码'), { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: '专业代码为1-32位字母、数字、下划线或连字符' }]}>
            <Input disabled={editing?.mode === 'edit'} />
          </Form.Item>
          <Form.Item name="name" label="专业名称" rules={[required('请输入专业名称'), { max: 100, message: '专业名称不能超过100字' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="sortOrder" label="排序">
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
