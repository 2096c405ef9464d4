import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { TITLE_LEVEL_LABELS, TitleLevel } from '@zhicheng/contracts';
import { api, showError } from '../../../lib/api';
import { required } from '../../../lib/validators';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { refKeys, useSeries, useTitles, type TitleItem } from '../api/reference';

interface Row {
  key: string;
  label: string;
  kind: 'series' | 'level' | 'title';
  title?: TitleItem;
  seriesCode: string;
  level?: TitleLevel;
  children?: Row[];
}

/** series → level → title, each title with its ministry (人社部) code. */
export function TitlesPage() {
  const { data: series } = useSeries();
  const [seriesCode, setSeriesCode] = useState<string | undefined>();
  const { data: titles, isFetching } = useTitles(seriesCode);
  const [editing, setEditing] = useState<{ seriesCode: string; level: TitleLevel; title?: TitleItem } | null>(null);
  const [form] = Form.useForm<{ name: string; ministryCode: string; level: TitleLevel; seriesCode: string }>();
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const refresh = () => qc.invalidateQueries({ queryKey: refKeys.titles });

  const rows = useMemo<Row[]>(
    () =>
      (series ?? [])
        .filter((s) => !seriesCode || s.code === seriesCode)
        .map((s) => ({
          key: s.code,
          label: `${s.name}（${s.code}）`,
          kind: 'series' as const,
          seriesCode: s.code,
          children: Object.values(TitleLevel).map((l) => {
            const items = (titles ?? []).filter((t) => t.seriesCode === s.code && t.level === l);
            return {
              key: `${s.code}-${l}`,
              label: TITLE_LEVEL_LABELS[l],
              kind: 'level' as const,
              seriesCode: s.code,
              level: l,
              children: items.length ? items.map((t) => ({ key: t.id, label: t.name, kind: 'title' as const, title: t, seriesCode: s.code, level: l })) : undefined,
            };
          }),
        })),
    [series, titles, seriesCode],
  );

  const open = (seriesCode: string, level: TitleLevel, title?: TitleItem) => {
    form.setFieldsValue({ seriesCode, level, name: title?.name ?? '', ministryCode: title?.ministryCode ?? '' });
    setEditing({ seriesCode, level, title });
  };

  return (
    <PageContainer
      title="职称管理"
      description="按职称系列、级别维护职称名称及人社部职称代码；已被引用的职称不能删除。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(seriesCode ?? series?.[0]?.code ?? 'GC', TitleLevel.Intermediate)}>
          新增职称
        </Button>
      }
    >
      <Section>
        <Space style={{ marginBottom: 16 }}>
          系列：
          <Select style={{ width: 220 }} allowClear placeholder="全部系列" value={seriesCode} onChange={setSeriesCode} options={(series ?? []).map((s) => ({ value: s.code, label: s.name }))} />
        </Space>
        <Table<Row>
          rowKey="key"
          loading={isFetching}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '系列 / 级别 / 职称', dataIndex: 'label' },
            { title: '人社部职称代码', key: 'code', render: (_: unknown, r) => (r.title ? <Tag>{r.title.ministryCode}</Tag> : null) },
            {
              title: '操作',
              key: 'ops',
              render: (_: unknown, r) =>
                r.kind === 'level' ? (
                  <Button type="link" size="small" onClick={() => open(r.seriesCode, r.level!)}>
                    添加职称
                  </Button>
                ) : r.kind === 'title' ? (
                  <Space>
                    <Button type="link" size="small" onClick={() => open(r.seriesCode, r.level!, r.title)}>
                      编辑
                    </Button>
                    <Popconfirm
                      title={`确定删除“${r.label}”吗？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={async () => {
                        try {
                          await api.delete(`/titles/${r.title!.id}`);
                          message.success('已删除');
                          await refresh();
                        } catch (e) {
                          showError(e);
                        }
                      }}
                    >
                      <Button type="link" size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Section>
      <Modal title={editing?.title ? '编辑职称' : '新增职称'} open={!!editing} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} forceRender>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            setSaving(true);
            try {
              if (editing?.title) await api.patch(`/titles/${editing.title.id}`, { name: v.name.trim(), ministryCode: v.ministryCode.trim() });
              else await api.post('/titles', { ...v, name: v.name.trim(), ministryCode: v.ministryCode.trim() });
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
          <Form.Item name="seriesCode" label="职称系列" rules={[{ required: true, message: '请选择职称系列' }]}>
            <Select disabled={!!editing?.title} options={(series ?? []).map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>
          <Form.Item name="level" label="职称级别" rules={[{ required: true, message: '请选择职称级别' }]}>
            <Select disabled={!!editing?.title} options={Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="name" label="职称名称" rules={[required('请输入职称名称'), { max: 100, message: '职称名称不能超过100字' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="ministryCode" label="人社部职称代码" rules={[required('请输入人社部职称代码'), { pattern: /^[A-Za-z0-9]{1,16}$/, message: '人社部职称代码为1-16位字母或数字' }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
