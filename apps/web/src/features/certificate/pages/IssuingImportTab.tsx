/** A-13 证书发放 — 批量导入: the Excel template, the checked upload and the issue of the rows that passed. */
import { useState } from 'react';
import { Alert, Button, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportPreview } from '@zhicheng/contracts';
import { downloadFile, showError, uploadFile } from '../../../lib/api';

export default function ImportTab({ busy, onIssue }: { busy: boolean; onIssue: (jobId: string, count: number) => Promise<boolean> }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [uploading, setUploading] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>
        请先下载模板，按表头填写姓名、身份证号（有多条可发证申报的人员还需填写备案文号），再上传 .xlsx 文件。系统逐行校验，校验不通过的行不会发证，请按失败原因修正后重新导入。
        <Button type="link" icon={<DownloadOutlined />} onClick={() => downloadFile('/certificates/issue-import/template', undefined, '证书发放导入模板.xlsx').catch(showError)}>
          下载 Excel 模板
        </Button>
      </Typography.Paragraph>
      {!preview && (
        <Upload.Dragger
          accept=".xlsx"
          showUploadList={false}
          disabled={uploading}
          customRequest={async ({ file }) => {
            setUploading(true);
            try {
              setPreview(await uploadFile<ImportPreview>('/certificates/issue-import', file as File, (file as File).name));
            } catch (e) {
              showError(e);
            } finally {
              setUploading(false);
            }
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{uploading ? '正在校验…' : '点击或拖拽文件到此处上传'}</p>
        </Upload.Dragger>
      )}
      {preview && (
        <>
          <Alert type={preview.failed ? 'warning' : 'success'} showIcon message={`校验通过 ${preview.succeeded} 条，不通过 ${preview.failed} 条`} />
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
                if (await onIssue(preview.jobId, preview.succeeded)) setPreview(null);
              }}
            >
              提交发证（{preview.succeeded} 人）
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}
