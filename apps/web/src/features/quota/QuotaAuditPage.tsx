import { useState } from 'react';
import { Button, Descriptions, Form, Input, Modal, Space, Table } from 'antd';
import { TITLE_LEVEL_LABELS, type QuotaItem } from '@zhicheng/contracts';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { showError } from '../../lib/api';
import { feedback } from '../../lib/feedback';
import { pagination } from '../audit/components/AuditFilters';
import { quotaApi, useQuotaAction, useQuotas, type QuotaQuery } from './api';
import { QuotaDetailDrawer, QuotaFilters, quotaColumns } from './components';

/** U-12 职数审核: the supervising department passes, or returns with a reason, its units' quota declarations. */
export function QuotaAuditPage() {
  const [query, setQuery] = useState<QuotaQuery>({ page: 1, pageSize: 20, status: 'submitted' });
  const { data, isFetching } = useQuotas('audit', query);
  const [target, setTarget] = useState<QuotaItem | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [form] = Form.useForm<{ opinion?: string }>();
  const pass = useQuotaAction((b: { id: string; version: number; opinion?: string }) => quotaApi.pass(b.id, { version: b.version, opinion: b.opinion }));
  const ret = useQuotaAction((b: { id: string; version: number; reason: string }) => quotaApi.return(b.id, { version: b.version, reason: b.reason }));
  const decide = async (ok: boolean) => {
    const t = target!;
    try {
      if (ok) {
        const v = form.getFieldsValue();
        await pass.mutateAsync({ id: t.id, version: t.version, opinion: v.opinion?.trim() || undefined });
        feedback().success('审核通过');
      } else {
        const v = await form.validateFields();
        await ret.mutateAsync({ id: t.id, version: t.version, reason: v.opinion!.trim() });
        feedback().success('已审核不通过，退回单位修改');
      }
      setTarget(null);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      showError(e, form);
    }
  };
  return (
    <PageContainer title="职数审核" description="审核本部门所辖单位的职数申报：审核通过，或填写原因审核不通过（退回单位修改后可重新提交）。">
      <QuotaFilters withUnit initialValues={{ status: 'submitted' }} onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section>
        <Table<QuotaItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无职数申报' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            ...quotaColumns({ unit: true }),
            {
              title: '操作',
              key: 'ops',
              width: 140,
              render: (_: unknown, r) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setViewing(r.id)}>
                    详情
                  </Button>
                  {r.status === 'submitted' && (
                    <Button type="link" size="small" onClick={() => { form.resetFields(); setTarget(r); }}>
                      审核
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <Modal
        title={`职数审核：${target?.unitName ?? ''}`}
        open={target !== null}
        onCancel={() => setTarget(null)}
        destroyOnHidden
        width={620}
        footer={
          <Space>
            <Button onClick={() => setTarget(null)}>取消</Button>
            <Button danger loading={ret.isPending} onClick={() => decide(false)}>
              审核不通过
            </Button>
            <Button type="primary" loading={pass.isPending} onClick={() => decide(true)}>
              审核通过
            </Button>
          </Space>
        }
      >
        {target && (
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="年度">{target.year}</Descriptions.Item>
            <Descriptions.Item label="职称">{`${target.seriesName} · ${TITLE_LEVEL_LABELS[target.titleLevel]}`}</Descriptions.Item>
            <Descriptions.Item label="岗位总数">{target.postTotal}</Descriptions.Item>
            <Descriptions.Item label="已聘数">{target.employedCount}</Descriptions.Item>
            <Descriptions.Item label="空缺数">{target.vacancy}</Descriptions.Item>
            <Descriptions.Item label="申报职数">{target.requestedCount}</Descriptions.Item>
            <Descriptions.Item label="说明" span={2}>{target.remark || '—'}</Descriptions.Item>
          </Descriptions>
        )}
        <Form form={form} name="quotaAudit" layout="vertical">
          <Form.Item name="opinion" label="审核意见（审核不通过时必填）" rules={[{ required: true, whitespace: true, message: '请输入不通过原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <QuotaDetailDrawer id={viewing} onClose={() => setViewing(null)} />
    </PageContainer>
  );
}
