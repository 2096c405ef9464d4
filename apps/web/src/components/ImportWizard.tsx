import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportPreview } from '@zhicheng/contracts';
import { api, downloadFile, showError, uploadFile } from '../lib/api';

/** download the template → upload → row-by-row preview ("N 条成功，M 条失败") → commit the good rows. */
export function ImportWizard({ kind, title, onDone }: { kind: string; title: string; onDone?: () => void }) {
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [committed, setCommitted] = useState<number | null>(null);
  const { message } = App.useApp();
  const close = () => {
    setOpen(false);
    setPreview(null);
    setCommitted(null);
  };
  const step = committed !== null ? 2 : preview ? 1 : 0;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        导入
      </Button>
      <Modal title={`批量导入${title}`} open={open} onCancel={close} footer={null} width={760} destroyOnHidden>
        <Steps size="small" current={step} items={[{ title: '上传文件' }, { title: '校验预览' }, { title: '完成' }]} style={{ marginBottom: 24 }} />
        {step === 0 && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>
              请先下载导入模板，按模板表头填写后上传（仅支持 .xlsx）。
              <Button type="link" icon={<DownloadOutlined />} onClick={() => downloadFile(`/imports/${kind}/template`).catch(showError)}>
                下载导入模板
              </Button>
            </Typography.Paragraph>
            <Upload.Dragger
              accept=".xlsx"
              showUploadList={false}
              disabled={busy}
              customRequest={async ({ file }) => {
                setBusy(true);
                try {
                  setPreview(await uploadFile<ImportPreview>(`/imports/${kind}`, file as File, (file as File).name));
                } catch (e) {
                  showError(e);
                } finally {
                  setBusy(false);
                }
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{busy ? '正在校验…' : '点击或拖拽文件到此处上传'}</p>
            </Upload.Dragger>
          </Space>
        )}
        {step === 1 && preview && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type={preview.failed ? 'warning' : 'success'}
              showIcon
              message={`${preview.succeeded} 条成功，${preview.failed} 条失败`}
              description={preview.failed ? '失败的行不会导入，请修改后重新上传；也可以先提交校验通过的行。' : '全部行校验通过。'}
            />
            {preview.failed > 0 && (
              <Table
                size="small"
                rowKey="rowNo"
                dataSource={preview.failures}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'rowNo', width: 80 },
                  { title: '失败原因', dataIndex: 'error' },
                ]}
              />
            )}
            <Space>
              <Button onClick={() => setPreview(null)}>重新上传</Button>
              <Button
                type="primary"
                disabled={!preview.succeeded}
                loading={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    const r = await api.post<{ committed: number }>(`/imports/jobs/${preview.jobId}/commit`);
                    setCommitted(r.committed);
                    message.success(`已导入 ${r.committed} 条`);
                    onDone?.();
                  } catch (e) {
                    showError(e);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                提交导入（{preview.succeeded} 条）
              </Button>
            </Space>
          </Space>
        )}
        {step === 2 && (
          <Space direction="vertical">
            <Alert type="success" showIcon message={`导入完成，共导入 ${committed} 条`} />
            <Button type="primary" onClick={close}>
              完成
            </Button>
          </Space>
        )}
      </Modal>
    </>
  );
}
