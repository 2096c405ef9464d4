import { useState } from 'react';
import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { showError, uploadFile } from '../../lib/api';

/** Uploads PDFs for a purpose; the form value is the list of stored file ids. */
export function PdfUpload({ value, onChange, purpose, id }: { value?: string[]; onChange?: (ids: string[]) => void; purpose: string; id?: string }) {
  const [files, setFiles] = useState<UploadFile[]>((value ?? []).map((v) => ({ uid: v, name: '已上传附件', status: 'done' })));
  const emit = (list: UploadFile[]) => {
    setFiles(list);
    onChange?.(list.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response.id as string).concat(list.filter((f) => f.status === 'done' && !f.response).map((f) => f.uid)));
  };
  return (
    <Upload
      id={id}
      accept=".pdf,application/pdf"
      fileList={files}
      onRemove={(f) => emit(files.filter((x) => x.uid !== f.uid))}
      customRequest={async ({ file, onSuccess, onError }) => {
        const f = file as File & { uid: string };
        setFiles((l) => [...l, { uid: f.uid, name: f.name, status: 'uploading' }]);
        try {
          const res = await uploadFile<{ id: string; name: string }>('/files', f, f.name, { purpose, sizeClass: 'large' });
          onSuccess?.(res);
          setFiles((l) => {
            const next = l.map((x) => (x.uid === f.uid ? { ...x, status: 'done' as const, response: res } : x));
            onChange?.(next.filter((x) => x.status === 'done').map((x) => (x.response?.id as string | undefined) ?? x.uid));
            return next;
          });
        } catch (e) {
          onError?.(e as Error);
          setFiles((l) => l.filter((x) => x.uid !== f.uid));
          showError(e);
        }
      }}
    >
      <Button icon={<UploadOutlined />}>上传证明材料（PDF）</Button>
    </Upload>
  );
}
