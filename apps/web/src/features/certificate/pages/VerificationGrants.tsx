import { useState } from 'react';
import { Button, Card, Form, Image, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { showError } from '../../../lib/api';
import { required } from '../../../lib/validators';
import { useCreateGrant, useMyGrants, useMyVerifications, useRevokeGrant, type CertificateItem } from '../api';

const STATE_COLORS = { valid: 'green', revoked: 'red', expired: 'default' } as const;

/** H-15: the holder's grant form for one certificate (opened from its card). */
export function GrantButton({ c }: { c: CertificateItem }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ purpose: string; validDays: number }>();
  const create = useCreateGrant();
  const submit = async (v: { purpose: string; validDays: number }) => {
    try {
      await create.mutateAsync({ certificateId: c.id, purpose: v.purpose.trim(), validDays: v.validDays });
      setOpen(false);
      form.resetFields();
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={c.status !== 'valid'}>
        授权核验
      </Button>
      <Modal title={`授权核验：${c.certificateNo}`} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="生成核验码" confirmLoading={create.isPending} destroyOnHidden>
        <Typography.Paragraph type="secondary">
          核验码立即生效；持有核验码的单位或个人可在有效期内核验本证书。同一证书最多同时有 3 个有效授权，可随时撤销。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ validDays: 30 }}>
          <Form.Item name="purpose" label="用途" rules={[required('请填写用途'), { min: 2, message: '请填写用途（至少 2 个字）' }]}>
            <Input placeholder="如：入职审核、项目申报" maxLength={100} />
          </Form.Item>
          <Form.Item name="validDays" label="有效期（天）" rules={[required('请填写有效期')]} extra="最长 90 天">
            <InputNumber min={1} max={90} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** H-15: the holder's grants (code, QR, revoke) and every verification of their certificates. */
export function VerificationPanel() {
  const grants = useMyGrants();
  const revoke = useRevokeGrant();
  const [page, setPage] = useState(1);
  const log = useMyVerifications(page);
  return (
    <>
      <Card title="我的核验授权" style={{ marginBottom: 16 }} data-testid="grant-list">
        <Table
          rowKey="id"
          size="small"
          loading={grants.isLoading}
          dataSource={grants.data?.items ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: '暂无核验授权' }}
          columns={[
            { title: '证书编号', dataIndex: 'certificateNo' },
            { title: '用途', dataIndex: 'purpose' },
            { title: '核验码', dataIndex: 'code', render: (v: string) => <Typography.Text copyable code>{v}</Typography.Text> },
            { title: '二维码', dataIndex: 'qrDataUrl', render: (v: string | null) => (v ? <Image src={v} width={72} alt="核验授权二维码" /> : '—') },
            { title: '有效期至', dataIndex: 'validUntil', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            { title: '状态', dataIndex: 'state', render: (_: string, g) => <Tag color={STATE_COLORS[g.state]}>{g.stateLabel}</Tag> },
            {
              title: '操作',
              key: 'op',
              render: (_: unknown, g) =>
                g.state === 'valid' ? (
                  <Popconfirm title="撤销后该核验码立即失效，确定撤销？" onConfirm={() => revoke.mutateAsync(g.id).catch((e) => showError(e))} okText="撤销" cancelText="取消">
                    <Button size="small" danger>
                      撤销
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title="证书核验记录" data-testid="verification-log">
        <div>
          <Typography.Paragraph type="secondary">谁在何时、以何种方式核验了您的证书（请求方地址已脱敏）。</Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            loading={log.isLoading}
            dataSource={log.data?.items ?? []}
            scroll={{ x: 640 }}
            locale={{ emptyText: '暂无核验记录' }}
            pagination={{ current: page, pageSize: 10, total: log.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: '时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
              { title: '证书编号', dataIndex: 'certificateNo' },
              { title: '方式', dataIndex: 'channelLabel' },
              { title: '授权用途', dataIndex: 'grantPurpose', render: (v: string | null) => v ?? '—' },
              { title: '请求方地址', dataIndex: 'requester' },
            ]}
          />
        </div>
      </Card>
    </>
  );
}
