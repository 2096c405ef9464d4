import { useRef, useState } from 'react';
import { App, Button, Flex, Progress, Space, Typography } from 'antd';
import { CloseOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { LIMITS, PHOTO_RULE, type AttachmentSlot, type AttachmentValue } from '@zhicheng/contracts';
import { ApiError } from '../../../lib/api';
import { uploadFile } from '../../../lib/upload';
import { declarationApi } from '../api';
import { usePdfPreview } from './PdfPreview';
import { PhotoSlotField } from './PhotoSlotField';

export interface FileMeta {
  id: string;
  name: string;
  sizeBytes: number;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)}KB`;
  return `${(n / 1024 / 1024).toFixed(1)}MB`;
}

export function slotMaxBytes(slot: AttachmentSlot): number {
  if (slot.sizeClass === 'photo') return PHOTO_RULE.maxBytes;
  return slot.sizeClass === 'large' ? LIMITS.largeAttachmentBytes : LIMITS.ordinaryAttachmentBytes;
}

function limitText(slot: AttachmentSlot): string {
  return slot.sizeClass === 'large' ? '10MB' : '500KB';
}

function ids(v: AttachmentValue | undefined): string[] {
  if (!v) return [];
  return Array.isArray(v) ? v : [v];
}

interface Uploading {
  key: number;
  name: string;
  percent: number;
}

/**
 * One attachment slot (H-06): PDF only, the slot's size limit shown, upload progress, preview, delete
 * before submission. The value is a file id (or a list when the slot takes several files).
 */
export function AttachmentSlotField(props: Parameters<typeof PdfSlotField>[0]) {
  if (props.slot.sizeClass === 'photo') return <PhotoSlotField {...props} />;
  return <PdfSlotField {...props} />;
}

function PdfSlotField({
  slot,
  value,
  onChange,
  disabled,
  files,
  onUploaded,
  required,
  id,
}: {
  slot: AttachmentSlot;
  value?: AttachmentValue;
  onChange?: (v: AttachmentValue | undefined) => void;
  disabled?: boolean;
  files: Record<string, FileMeta>;
  onUploaded: (f: FileMeta) => void;
  required?: boolean;
  id?: string;
}) {
  const { message } = App.useApp();
  const preview = usePdfPreview();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const current = ids(value);
  const max = slotMaxBytes(slot);
  const canAdd = !disabled && (slot.multiple || current.length + uploading.length === 0);

  const pick = async (list: FileList | null) => {
    if (!list?.length) return;
    const chosen = slot.multiple ? [...list] : [list[0]!];
    const added: string[] = [];
    for (const file of chosen) {
      if (!/\.pdf$/i.test(file.name) || (file.type && file.type !== 'application/pdf')) {
        message.error(`${file.name}：只能上传PDF文件`);
        continue;
      }
      if (file.size > max) {
        message.error(`${file.name}：文件大小${formatBytes(file.size)}，超过${limitText(slot)}限制，建议降低扫描分辨率后重新上传`);
        continue;
      }
      const key = Date.now() + Math.random();
      setUploading((u) => [...u, { key, name: file.name, percent: 0 }]);
      try {
        const f = await uploadFile(file, {
          purpose: 'declaration',
          sizeClass: slot.sizeClass,
          onProgress: (percent) => setUploading((u) => u.map((x) => (x.key === key ? { ...x, percent } : x))),
        });
        onUploaded({ id: f.id, name: f.name, sizeBytes: f.sizeBytes });
        added.push(f.id);
      } catch (e) {
        message.error(`${file.name}：${e instanceof ApiError ? e.message : '上传失败，请重试'}`);
      } finally {
        setUploading((u) => u.filter((x) => x.key !== key));
      }
    }
    if (added.length) onChange?.(slot.multiple ? [...current, ...added] : added[0]);
  };

  const remove = (fileId: string) => {
    const rest = current.filter((x) => x !== fileId);
    onChange?.(slot.multiple ? (rest.length ? rest : undefined) : undefined);
  };

  return (
    <div className="attachment-slot" id={id} data-slot={slot.key}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text>
          {required && <span className="required-mark">*</span>}
          {slot.label}
        </Typography.Text>
        <Typography.Text type="secondary" className="attachment-limit">
          仅限PDF，{slot.multiple ? '每个文件' : ''}不超过{limitText(slot)}
        </Typography.Text>
        {canAdd && (
          <Button size="small" icon={<UploadOutlined />} onClick={() => input.current?.click()} aria-label={`上传${slot.label}`}>
            上传
          </Button>
        )}
        <input
          ref={input}
          type="file"
          accept="application/pdf,.pdf"
          multiple={!!slot.multiple}
          style={{ display: 'none' }}
          data-testid={`file-${slot.key}`}
          onChange={(e) => {
            void pick(e.target.files);
            e.target.value = '';
          }}
        />
      </Flex>
      {(current.length > 0 || uploading.length > 0) && (
        <div className="attachment-files">
          {current.map((fid) => {
            const meta = files[fid];
            return (
              <Flex key={fid} align="center" gap={8} className="attachment-file">
                <FilePdfOutlined style={{ color: '#d4380d' }} />
                <Typography.Link onClick={() => preview(meta?.name ?? slot.label, () => declarationApi.fileContent(fid), meta?.name)}>
                  {meta?.name ?? '附件'}
                </Typography.Link>
                {meta && <Typography.Text type="secondary">{formatBytes(meta.sizeBytes)}</Typography.Text>}
                {!disabled && (
                  <Button type="text" size="small" icon={<CloseOutlined />} aria-label={`删除${meta?.name ?? '附件'}`} onClick={() => remove(fid)} />
                )}
              </Flex>
            );
          })}
          {uploading.map((u) => (
            <Space key={u.key} className="attachment-file" align="center">
              <FilePdfOutlined />
              <Typography.Text>{u.name}</Typography.Text>
              <Progress percent={u.percent} size="small" style={{ width: 160 }} status="active" />
            </Space>
          ))}
        </div>
      )}
    </div>
  );
}
