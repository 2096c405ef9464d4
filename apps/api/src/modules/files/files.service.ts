import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { imageSize } from 'image-size';
import { checkPhoto, ErrorCode, LIMITS, PHOTO_RULE } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { StoredFile } from './entities/stored-file.entity.js';
import { FileAccessRegistry } from './file-access.registry.js';
import { inspectPdf } from './pdf-inspector.js';
import { FILE_STORAGE, type FileStorage } from './storage/file-storage.js';

export type SizeClass = 'ordinary' | 'large' | 'photo';
export const SIZE_LIMITS: Record<SizeClass, number> = {
  ordinary: LIMITS.ordinaryAttachmentBytes,
  large: LIMITS.largeAttachmentBytes,
  photo: PHOTO_RULE.maxBytes,
};

const IMAGE_TYPES: Record<string, { mime: string; ext: string }> = { jpg: { mime: 'image/jpeg', ext: 'jpg' }, png: { mime: 'image/png', ext: 'png' } };

function tooLarge(limit: number): AppException {
  return new AppException(413, ErrorCode.PayloadTooLarge, `文件大小超过${formatSize(limit)}上限，请压缩或降低扫描分辨率后重新上传`, {
    file: `文件不能超过${formatSize(limit)}`,
  });
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)}MB` : `${Math.round(bytes / 1024)}KB`;
}

export interface FileDto {
  id: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  pageCount: number;
  sha256: string;
  purpose: string;
  createdAt: string;
}

@Injectable()
export class FilesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: FileAccessRegistry,
    private readonly audit: AuditLogService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  toDto(f: StoredFile): FileDto {
    return { id: f.id, name: f.originalName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, pageCount: f.pageCount, sha256: f.sha256, purpose: f.purpose, createdAt: f.createdAt.toISOString() };
  }

  /** H-06: PDF only (checked by content), within the size class's limit; stored by content hash. */
  async uploadPdf(user: AuthUser, input: { data: Buffer; name: string; purpose: string; sizeClass: SizeClass }): Promise<FileDto> {
    const limit = SIZE_LIMITS[input.sizeClass];
    if (input.data.length === 0) throw new AppException(400, ErrorCode.ValidationFailed, '文件为空，请重新选择', { file: '文件为空' });
    if (input.data.length > limit) throw tooLarge(limit);
    const check = await inspectPdf(input.data);
    if (!check.ok) throw new AppException(400, ErrorCode.ValidationFailed, check.reason, { file: check.reason });
    return this.store(user, input, { mime: 'application/pdf', ext: 'pdf', pageCount: check.pageCount, name: sanitizeName(input.name) });
  }

  /**
   * The applicant's photo (PHOTO_RULE in contracts): JPEG or PNG recognised by its bytes (image-size reads the
   * header, never the name or the declared type), within the byte limit and the 大一寸 pixel size.
   */
  async uploadPhoto(user: AuthUser, input: { data: Buffer; name: string; purpose: string }): Promise<FileDto> {
    if (input.data.length === 0) throw new AppException(400, ErrorCode.ValidationFailed, '文件为空，请重新选择', { file: '文件为空' });
    if (input.data.length > PHOTO_RULE.maxBytes) throw tooLarge(PHOTO_RULE.maxBytes);
    let dim: { type?: string; width?: number; height?: number; orientation?: number } = {};
    try {
      dim = imageSize(input.data);
    } catch {
      /* not an image it knows */
    }
    const type = dim.type ? IMAGE_TYPES[dim.type] : undefined;
    // EXIF orientation 5–8 turns the picture a quarter: its shown width is the stored height.
    const turned = (dim.orientation ?? 1) >= 5;
    const width = (turned ? dim.height : dim.width) ?? 0;
    const height = (turned ? dim.width : dim.height) ?? 0;
    const problem = checkPhoto({ mimeType: type?.mime ?? null, bytes: input.data.length, width, height });
    if (problem) throw new AppException(400, ErrorCode.ValidationFailed, problem, { file: problem });
    const base = sanitizeName(input.name).replace(/\.pdf$/i, '').replace(/\.(jpe?g|png)$/i, '');
    return this.store(user, input, { mime: type!.mime, ext: type!.ext, pageCount: 0, name: `${base}.${type!.ext}` });
  }

  private async store(user: AuthUser, input: { data: Buffer; purpose: string }, kind: { mime: string; ext: string; pageCount: number; name: string }): Promise<FileDto> {
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    const storageKey = `${kind.ext === 'pdf' ? 'pdf' : 'img'}/${sha256.slice(0, 2)}/${sha256}.${kind.ext}`;
    await this.storage.put(storageKey, input.data, kind.mime);
    return this.ds.transaction(async (m: EntityManager) => {
      const f = await m.getRepository(StoredFile).save({
        ownerUserId: user.id,
        purpose: input.purpose,
        originalName: kind.name,
        mimeType: kind.mime,
        sizeBytes: input.data.length,
        pageCount: kind.pageCount,
        sha256,
        storageKey,
      });
      await this.audit.record({ actor: user, action: 'file.upload', targetType: 'file', targetId: f.id, after: { name: kind.name, sizeBytes: f.sizeBytes, sha256 } }, m);
      return this.toDto(f);
    });
  }

  async getReadable(user: AuthUser, id: string): Promise<StoredFile> {
    const f = await this.ds.getRepository(StoredFile).findOne({ where: { id } });
    if (!f || !(await this.access.canRead(user, f))) throw AppException.notFound('文件');
    return f;
  }

  async open(f: StoredFile): Promise<Readable> {
    return this.storage.get(f.storageKey);
  }

  /** Only the owner, and only while nothing submitted references the file. */
  async delete(user: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const f = await m.getRepository(StoredFile).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!f || f.ownerUserId !== user.id) throw AppException.notFound('文件');
      if (f.locked) throw AppException.conflict('该附件已随申报提交，不能删除');
      await m.getRepository(StoredFile).delete(f.id);
      await this.audit.record({ actor: user, action: 'file.delete', targetType: 'file', targetId: f.id, before: { name: f.originalName, sha256: f.sha256 } }, m);
      // Bytes are shared by content hash; remove them only when no other record points at them.
      const others = await m.getRepository(StoredFile).count({ where: { storageKey: f.storageKey } });
      if (others === 0) await this.storage.delete(f.storageKey);
    });
  }
}

export function sanitizeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not keep
  const base = (name || '附件.pdf').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(-200);
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}
