import { useRef, useState } from 'react';
import { Button, Flex, Progress, Typography } from 'antd';
import { CloseOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { LIMITS } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { feedback } from '../../../lib/feedback';
import { uploadFile } from '../../../lib/upload';

/**
 * One named document of an H-10 / H-11 application: one PDF (≤ 10 MB), picked from the device's file picker, with
 * upload progress and removal. The form value is the uploaded file's id.
 */
export function DocumentSlotInput({ label, value, onChange, id }: { label: string; value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (!/\.pdf$/i.test(file.name) || (file.type && file.type !== 'application/pdf')) {
      feedback().error(`${file.name}：只能上传PDF文件`);
      return;
    }
    if (file.size > LIMITS.largeAttachmentBytes) {
      feedback().error(`${file.name}：文件超过10MB，请压缩或降低扫描分辨率后重新上传`);
      return;
    }
    setPercent(0);
    try {
      const f = await uploadFile(file, { purpose: 'certificate-application', sizeClass: 'large', onProgress: setPercent });
      setName(f.name);
      onChange?.(f.id);
    } catch (e) {
      showError(e);
    } finally {
      setPercent(null);
    }
  };

  return (
    <div id={id} data-slot-label={label}>
      <Flex align="center" gap={8} wrap>
        {!value && percent === null && (
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} aria-label={`上传${label}`}>
            上传PDF
          </Button>
        )}
        {percent !== null && <Progress percent={percent} size="small" style={{ width: 160 }} />}
        {value && (
          <>
            <Typography.Text data-testid="uploaded-document">
              <FilePdfOutlined /> {name ?? '已上传'}
            </Typography.Text>
            <Button size="small" type="text" icon={<CloseOutlined />} aria-label={`删除${label}`} onClick={() => { setName(null); onChange?.(undefined); }} />
          </>
        )}
      </Flex>
      <input
        ref={input}
        type="file"
        accept="application/pdf,.pdf"
        style={{ display: 'none' }}
        aria-label={`选择${label}文件`}
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
