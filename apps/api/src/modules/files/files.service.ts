import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ErrorCode, LIMITS } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { StoredFile } from './entities/stored-file.entity.js';
import { FileAccessRegistry } from './file-access.registry.js';
import { inspectPdf } from './pdf-inspector.js';
import { FILE_STORAGE, type FileStorage } from './storage/file-storage.js';

export type SizeClass = 'ordinary' | 'large';
export const SIZE_LIMITS: Record<SizeClass, number> = {
  ordinary: LIMITS.ordinaryAttachmentBytes,
  large: LIMITS.largeAttachmentBytes,
};

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)}MB` : `${Math.round(bytes / 1024)}KB`;
}

export interface FileDto {
  id: string;
  name: string;
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
    return { id: f.id, name: f.originalName, sizeBytes: f.sizeBytes, pageCount: f.pageCount, sha256: f.sha256, purpose: f.purpose, createdAt: f.createdAt.toISOString() };
  }

  /** H-06: PDF only (checked by content), within the size class's limit; stored by content hash. */
  async uploadPdf(user: AuthUser, input: { data: Buffer; name: string; purpose: string; sizeClass: SizeClass }): Promise<FileDto> {
    const limit = SIZE_LIMITS[input.sizeClass];
    if (input.data.length === 0) throw new AppException(400, ErrorCode.ValidationFailed, '文件为空，请重新选择', { file: '文件为空' });
    if (input.data.length > limit) {
      throw new AppException(413, ErrorCode.PayloadTooLarge, `文件大小超过${formatSize(limit)}上限，请压缩或降低扫描分辨率后重新上传`, {
        file: `文件不能超过${formatSize(limit)}`,
      });
    }
    const check = await inspectPdf(input.data);
    if (!check.ok) throw new AppException(400, ErrorCode.ValidationFailed, check.reason, { file: check.reason });
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    const storageKey = `pdf/${sha256.slice(0, 2)}/${sha256}.pdf`;
    await this.storage.put(storageKey, input.data, 'application/pdf');
    const name = sanitizeName(input.name);
    return this.ds.transaction(async (m) => {
      const f = await m.getRepository(StoredFile).save({
        ownerUserId: user.id,
        purpose: input.purpose,
        originalName: name,
        mimeType: 'application/pdf',
        sizeBytes: input.data.length,
        pageCount: check.pageCount,
        sha256,
        storageKey,
      });
      await this.audit.record({ actor: user, action: 'file.upload', targetType: 'file', targetId: f.id, after: { name, sizeBytes: f.sizeBytes, sha256 } }, m);
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
