import { useState } from 'react';
import { Button, Form, Input, Modal, Table, Tooltip } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/format';
import { auditApi, useAuditAction, useQualified, type AuditFilter, type AuditItem } from '../api';
import { AuditFilters, pagination } from '../components/AuditFilters';

/** A-22 (qualification part): 回退 — undo the final qualification check, newest first, with a reason. */
export function RollbackPage() {
  const [query, setQuery] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQualified(query);
  const [target, setTarget] = useState<AuditItem | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const rollback = useAuditAction((b: { id: string; version: number; reason: string }) => auditApi.rollback(b.id, { version: b.version, reason: b.reason }));
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await rollback.mutateAsync({ id: target!.id, version: target!.version, reason: v.reason });
      feedback().success('已回退，可在“资格审核”中重新审核');
      setTarget(null);
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <PageContainer title="回退" description="回退资格审核：按资格审核通过时间倒序列出，同一批次须从最新的开始逐个回退；回退后重新进入资格审核（填写原因，记入日志）。">
      <AuditFilters onSearch={(v) => setQuery((q) => ({ ...q, ...v, page: 1 }))} />
      <Section>
        <Table<AuditItem>
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无资格审核通过的申报' }}
          pagination={pagination(query, data?.total, (p) => setQuery((q) => ({ ...q, ...p })))}
          columns={[
            { title: '姓名', dataIndex: 'applicantName', width: 100 },
            { title: '工作单位', dataIndex: 'unitName', ellipsis: true },
            { title: '申报职称', key: 'title', render: (_: unknown, r) => `${r.titleName ?? ''}（${r.titleLevelLabel}）` },
            { title: '申报批次', dataIndex: 'batchName', ellipsis: true },
            { title: '资格审核通过时间', dataIndex: 'qualifiedAt', width: 180, render: (d: string) => formatDateTime(d) },
            {
              title: '操作',
              key: 'ops',
              width: 90,
              render: (_: unknown, r) => {
                const btn = (
                  <Button type="link" size="small" danger disabled={r.rollbackable === false} onClick={() => { form.resetFields(); setTarget(r); }}>
                    回退
                  </Button>
                );
                return r.rollbackable === false ? <Tooltip title="须按从新到旧的顺序回退：请先回退本批次更晚通过资格审核的申报（已进入评审方案的，先回退评委操作）">{btn}</Tooltip> : btn;
              },
            },
          ]}
        />
      </Section>
      <Modal title={`回退资格审核：${target?.applicantName ?? ''}`} open={target !== null} onOk={submit} onCancel={() => setTarget(null)} confirmLoading={rollback.isPending} okText="确认回退" okButtonProps={{ danger: true }} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="回退原因" rules={[{ required: true, min: 2, message: '请填写回退原因（至少2个字）' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
