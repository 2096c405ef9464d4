import { useEffect, useRef, useState } from 'react';
import { App, Button, Flex, Image, Progress, Typography } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { checkPhoto, PHOTO_RULE, type AttachmentSlot } from '@zhicheng/contracts';
import { ApiError } from '../../../lib/api';
import { uploadFile } from '../../../lib/upload';
import { declarationApi } from '../api';
import type { FileMeta } from './AttachmentSlotField';

/** The picture's pixel size as the browser decodes it (EXIF orientation applied, as the server reads it). */
async function pixelSize(file: File): Promise<{ width: number; height: number } | null> {
  try {
    const bmp = await createImageBitmap(file);
    const size = { width: bmp.width, height: bmp.height };
    bmp.close();
    return size;
  } catch {
    return null;
  }
}

/** A thumbnail of an uploaded photo (fetched with the session, shown from an object URL). */
function Thumbnail({ fileId, alt }: { fileId: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    let made: string | null = null;
    declarationApi
      .fileContent(fileId)
      .then((b) => {
        if (gone) return;
        made = URL.createObjectURL(b);
        setUrl(made);
      })
      .catch(() => setUrl(null));
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [fileId]);
  const { width, height } = PHOTO_RULE.recommended;
  return url ? (
    <Image src={url} alt={alt} width={width / 3} height={height / 3} style={{ objectFit: 'cover', borderRadius: 4 }} data-testid="photo-thumbnail" />
  ) : (
    <div style={{ width: width / 3, height: height / 3, background: '#f5f5f5', borderRadius: 4 }} />
  );
}

/**
 * H-04 basic information: the 大一寸 photo. Picked from the phone's camera roll or file picker, checked here with the
 * contracts' PHOTO_RULE (type, bytes, pixel size) before it is sent, checked again by the server by content, and
 * shown as a thumbnail.
 */
export function PhotoSlotField({
  slot,
  value,
  onChange,
  disabled,
  onUploaded,
  required,
  id,
}: {
  slot: AttachmentSlot;
  value?: string | string[];
  onChange?: (v: string | undefined) => void;
  disabled?: boolean;
  onUploaded: (f: FileMeta) => void;
  required?: boolean;
  id?: string;
}) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const current = Array.isArray(value) ? value[0] : value;
  const r = PHOTO_RULE;

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const size = await pixelSize(file);
    const problem = checkPhoto({ mimeType: size ? file.type : null, bytes: file.size, width: size?.width ?? 0, height: size?.height ?? 0 });
    if (problem) {
      message.error(problem);
      return;
    }
    setPercent(0);
    try {
      const f = await uploadFile(file, { purpose: 'declaration', sizeClass: 'photo', onProgress: setPercent });
      onUploaded({ id: f.id, name: f.name, sizeBytes: f.sizeBytes });
      onChange?.(f.id);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '上传失败，请重试');
    } finally {
      setPercent(null);
    }
  };

  return (
    <div className="attachment-slot" id={id} data-slot={slot.key}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text>
          {required && <span className="required-mark">*</span>}
          {slot.label}
        </Typography.Text>
        <Typography.Text type="secondary" className="attachment-limit">
          JPG或PNG，不超过{r.maxBytes / 1024}KB，大一寸（建议{r.recommended.width}×{r.recommended.height}像素）
        </Typography.Text>
      </Flex>
      <Flex align="end" gap={8} style={{ marginTop: 8 }}>
        {current && <Thumbnail fileId={current} alt={slot.label} />}
        {percent !== null && <Progress percent={percent} size="small" style={{ width: 120 }} status="active" />}
        {!disabled && percent === null && (
          <Button size="small" icon={<CameraOutlined />} onClick={() => input.current?.click()} aria-label={`上传${slot.label}`}>
            {current ? '更换照片' : '上传照片'}
          </Button>
        )}
        {!disabled && current && <Button type="text" size="small" icon={<CloseOutlined />} aria-label={`删除${slot.label}`} onClick={() => onChange?.(undefined)} />}
      </Flex>
      <input
        ref={input}
        type="file"
        accept={r.mimeTypes.join(',')}
        style={{ display: 'none' }}
        data-testid={`file-${slot.key}`}
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
