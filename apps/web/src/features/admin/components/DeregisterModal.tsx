import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { api, showError } from '../../../lib/api';
import { required } from '../../../lib/validators';

/** Deregistration with a reason (organisations, committees). */
export function DeregisterModal({ target, path, onClose, onDone }: { target: { id: string; name: string } | null; path: (id: string) => string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  return (
    <Modal
      title={`注销：${target?.name ?? ''}`}
      open={!!target}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认注销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.post(path(target!.id), { reason: v.reason.trim() });
            message.success('已注销');
            onDone();
            onClose();
          } catch (e) {
            showError(e, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="reason" label="注销原因" rules={[required('请填写注销原因'), { max: 500, message: '注销原因不能超过500字' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
