import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Select, Spin, Tag, Timeline } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { UNIT_NATURE_LABELS, UNIT_PERMISSION_STATUS_LABELS, validateCreditCode } from '@zhicheng/contracts';
import { api, showError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { required, ruleFrom } from '../../lib/validators';
import { PageContainer } from '../../components/PageContainer';
import { Section } from '../../components/Section';
import { RegionCascader } from '../../components/RegionCascader';
import { AttachmentList } from './AttachmentList';
import { PdfUpload } from './PdfUpload';
import type { MyUnitPermission } from './api';

export const myPermissionKey = ['unit-permission', 'mine'] as const;

export function useMyUnitPermission(enabled = true) {
  return useQuery({ queryKey: myPermissionKey, queryFn: () => api.get<MyUnitPermission>('/unit-permission/mine'), enabled });
}

type ResubmitForm = { unitName: string; creditCode: string; regionCode: string; nature: string; remark?: string; attachments?: string[] };

/** U-02: the unit applies for permission, sees the result and the reasons of a rejection, corrects and resubmits. */
export function UnitPermissionPage() {
  const { data, isLoading } = useMyUnitPermission();
  const [form] = Form.useForm<ResubmitForm>();
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  if (isLoading || !data) return <Spin />;
  const latest = data.applications[0];
  const done = async (msg: string) => {
    message.success(msg);
    await qc.invalidateQueries({ queryKey: myPermissionKey });
  };

  const submit = async (v: ResubmitForm) => {
    setSaving(true);
    try {
      if (latest?.status === 'rejected') {
        await api.put(`/unit-permission/applications/${latest.id}`, {
          ...v,
          unitName: v.unitName.trim(),
          creditCode: v.creditCode.trim().toUpperCase(),
          remark: v.remark?.trim() || undefined,
          attachments: v.attachments ?? [],
          version: latest.version,
        });
        await done('已重新提交，请等待审核');
      } else {
        await api.post('/unit-permission/applications', { remark: v.remark?.trim() || undefined, attachments: v.attachments ?? [] });
        await done('申请已提交，请等待审核');
      }
    } catch (e) {
      showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  const history = (
    <Section title="申请记录">
      <Timeline
        items={data.applications.map((a) => ({
          color: a.status === 'approved' ? 'green' : a.status === 'rejected' ? 'red' : 'blue',
          children: (
            <>
              <Tag>{UNIT_PERMISSION_STATUS_LABELS[a.status]}</Tag> 第 {a.submissions} 次提交，更新于 {formatDateTime(a.updatedAt)}
              {a.opinion && <div>审核意见：{a.opinion}</div>}
              <AttachmentList ids={a.attachments} />
            </>
          ),
        }))}
      />
    </Section>
  );

  if (data.permitted) {
    return (
      <PageContainer title="权限申请">
        <Card variant="borderless">
          <Result status="success" title="本单位已取得职称工作权限" subTitle={`${data.organisation.name} 可以正常开展职称申报相关工作。`} />
        </Card>
        {data.applications.length > 0 && history}
      </PageContainer>
    );
  }

  if (latest?.status === 'pending') {
    return (
      <PageContainer title="权限申请">
        <Card variant="borderless">
          <Result status="info" title="申请审核中" subTitle="您的单位权限申请已提交，正在由所在地职称管理部门审核，请耐心等待。" />
        </Card>
        {history}
      </PageContainer>
    );
  }

  const rejected = latest?.status === 'rejected';
  const org = data.organisation;
  return (
    <PageContainer title="权限申请" description="单位开展职称工作前，须向所在地职称管理部门申请权限，审核通过后方可办理业务。">
      {rejected && <Alert type="error" showIcon message="申请被退回" description={`退回原因：${latest.opinion ?? '—'}。请按意见修改后重新提交。`} />}
      <Section title={rejected ? '修改并重新提交' : '提交申请'}>
        {!rejected && (
          <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="单位名称">{org.name}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{org.creditCode}</Descriptions.Item>
            <Descriptions.Item label="所在地区">{org.regionCode}</Descriptions.Item>
            <Descriptions.Item label="单位性质">{org.nature ? UNIT_NATURE_LABELS[org.nature] : '—'}</Descriptions.Item>
          </Descriptions>
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          style={{ maxWidth: 640 }}
          initialValues={rejected ? { unitName: latest.unitName, creditCode: latest.creditCode, regionCode: latest.regionCode, nature: latest.nature ?? undefined, remark: latest.remark ?? undefined, attachments: latest.attachments } : {}}
        >
          {rejected && (
            <>
              <Form.Item name="unitName" label="单位名称" rules={[required('请输入单位名称')]}>
                <Input />
              </Form.Item>
              <Form.Item name="creditCode" label="统一社会信用代码" rules={[required('请输入统一社会信用代码'), ruleFrom(validateCreditCode)]}>
                <Input maxLength={18} />
              </Form.Item>
              <Form.Item name="regionCode" label="所在地区" rules={[{ required: true, message: '请选择所在地区' }]}>
                <RegionCascader />
              </Form.Item>
              <Form.Item name="nature" label="单位性质" rules={[{ required: true, message: '请选择单位性质' }]}>
                <Select options={Object.entries(UNIT_NATURE_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="attachments" label="证明材料" extra="如营业执照或事业单位法人证书扫描件（PDF）">
            <PdfUpload purpose="unit-permission" />
          </Form.Item>
          <Form.Item name="remark" label="申请说明">
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {rejected ? '重新提交' : '提交申请'}
          </Button>
        </Form>
      </Section>
      {data.applications.length > 0 && history}
    </PageContainer>
  );
}
