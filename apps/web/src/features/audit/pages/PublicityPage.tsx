import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { formatDate, chinaToday, chinaYearNow } from '../../../lib/format';
import { auditApi, useAuditAction, usePublicities, useUnitApplicants, type AuditItem } from '../api';

/** U-04: 申报公示 — publicise the unit's applicants for a period (shown on the public list, P-02). */
export function PublicityPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = usePublicities(page);
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  // Only the declarations the unit can publicise now (contracts UNIT_PUBLICITY_STATUSES, at the unit's node).
  const candidates = useUnitApplicants({ page: 1, pageSize: 100, purpose: 'publicity' });
  const [form] = Form.useForm<{ title: string; period: [Dayjs, Dayjs] }>();
  const create = useAuditAction((b: { title: string; startsOn: string; endsOn: string; declarationIds: string[] }) => auditApi.publicity(b));
  const save = async () => {
    const v = await form.validateFields();
    if (!selected.length) {
      feedback().error('请选择公示的申报人员');
      return;
    }
    try {
      await create.mutateAsync({ title: v.title, startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD'), declarationIds: selected });
      feedback().success('公示已发布');
      setOpen(false);
    } catch (e) {
      showError(e, form);
    }
  };
  return (
    <PageContainer
      title="申报公示"
      description="对本单位申报人员进行公示，公示期内在门户网站“申报公示”栏目展示（姓名脱敏）。"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ title: `${chinaYearNow()}年度职称申报人员公示`, period: [chinaToday(), chinaToday().add(14, 'day')] });
            setSelected([]);
            setOpen(true);
          }}
        >
          发布公示
        </Button>
      }
    >
      <Section>
        <Table
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '暂无公示' }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          columns={[
            { title: '公示标题', dataIndex: 'title' },
            { title: '公示期', key: 'period', width: 220, render: (_: unknown, r: { startsOn: string; endsOn: string }) => `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}` },
            { title: '人数', dataIndex: 'count', width: 80 },
            { title: '发布日期', dataIndex: 'createdAt', width: 120, render: (d: string) => formatDate(d) },
          ]}
        />
      </Section>
      <Modal title="发布申报公示" open={open} onOk={save} onCancel={() => setOpen(false)} confirmLoading={create.isPending} okText="发布" width={760} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="公示标题" rules={[{ required: true, min: 2, message: '请填写公示标题' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="period" label="公示期" rules={[{ required: true, message: '请选择公示期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        </Form>
        <Table<AuditItem>
          size="small"
          rowKey="id"
          loading={candidates.isFetching}
          dataSource={candidates.data?.items ?? []}
          locale={{ emptyText: '暂无可公示的申报（仅本单位正在审核或审核通过待上报的申报可公示）' }}
          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
          pagination={false}
          scroll={{ y: 280 }}
          columns={[
            { title: '姓名', dataIndex: 'applicantName', width: 100 },
            { title: '申报职称', dataIndex: 'titleName' },
            { title: '状态', dataIndex: 'statusLabel', width: 160 },
          ]}
        />
      </Modal>
    </PageContainer>
  );
}
