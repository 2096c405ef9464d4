import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { receiveUpload } from '../../common/security/upload.js';
import { FilesService, formatSize, SIZE_LIMITS, type SizeClass } from './files.service.js';
import { ApiProduces } from '@nestjs/swagger';
import { PDF } from '../../openapi/media.js';

const PURPOSES = new Set(['declaration', 'unit-permission', 'certificate-application', 'plan', 'other']);
const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('文件') });

@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /**
   * Multipart upload: one `file` part, fields `purpose` and `sizeClass` (PDF: ordinary ≤ 500 KB, large ≤ 10 MB;
   * photo: the applicant's JPEG/PNG photo under contracts' PHOTO_RULE).
   */
  @Post()
  @RequirePermission(Permission.Self)
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<Awaited<ReturnType<FilesService['uploadPdf']>>> {
    const upload = await receiveUpload(req, undefined, {
      hardMaxBytes: SIZE_LIMITS.large,
      // The slot's size class comes before the file (the hall's upload form sends it first).
      limitFor: (fields) => SIZE_LIMITS[fields['sizeClass'] === 'large' || fields['sizeClass'] === 'photo' ? fields['sizeClass'] : 'ordinary'],
      tooLarge: (limit) =>
        new AppException(413, ErrorCode.PayloadTooLarge, `文件大小超过${formatSize(limit)}上限，请压缩或降低扫描分辨率后重新上传`, {
          file: `文件不能超过${formatSize(limit)}`,
        }),
    });
    const field = (name: string): string | undefined => upload.fields[name];
    const purpose = field('purpose') ?? 'declaration';
    const sizeClass = (field('sizeClass') ?? 'ordinary') as SizeClass;
    if (!PURPOSES.has(purpose)) throw AppException.validation({ purpose: '文件用途不在允许范围内' });
    if (!Object.hasOwn(SIZE_LIMITS, sizeClass)) throw AppException.validation({ sizeClass: '文件大小类别应为 ordinary、large 或 photo' });
    if (sizeClass === 'photo') return this.files.uploadPhoto(user, { data: upload.data!, name: upload.filename, purpose });
    return this.files.uploadPdf(user, { data: upload.data!, name: upload.filename, purpose, sizeClass });
  }

  @Get(':id')
  @RequirePermission(Permission.Self)
  async meta(@CurrentUser() user: AuthUser, @Param('id', uuidPipe) id: string): Promise<Awaited<ReturnType<FilesService['toDto']>>> {
    return this.files.toDto(await this.files.getReadable(user, id));
  }

  /** The file itself (a PDF, or a photo for its thumbnail), for preview (inline) or download (?download=1). */
  @Get(':id/content')
  @ApiProduces(PDF)
  @RequirePermission(Permission.Self)
  async content(@CurrentUser() user: AuthUser, @Param('id', uuidPipe) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const f = await this.files.getReadable(user, id);
    const stream = await this.files.open(f);
    const download = (req.query as Record<string, string>)['download'] === '1';
    return reply
      .type(f.mimeType)
      .header('content-length', f.sizeBytes)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(f.originalName)}`)
      .send(stream);
  }

  @Delete(':id')
  @HttpCode(200)
  @RequirePermission(Permission.Self)
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuidPipe) id: string): Promise<{ ok: boolean }> {
    await this.files.delete(user, id);
    return { ok: true };
  }
}
