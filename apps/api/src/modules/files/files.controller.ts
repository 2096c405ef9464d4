import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, Permission } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { FilesService, type SizeClass } from './files.service.js';

const PURPOSES = new Set(['declaration', 'unit-permission', 'certificate-application', 'plan', 'other']);
const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound('文件') });

@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** Multipart upload: one `file` part, fields `purpose` and `sizeClass` (ordinary ≤ 500 KB, large ≤ 10 MB). */
  @Post()
  @RequirePermission(Permission.Self)
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<Awaited<ReturnType<FilesService['uploadPdf']>>> {
    if (!req.isMultipart()) throw new AppException(400, ErrorCode.ValidationFailed, '请以表单方式上传文件', { file: '请选择文件' });
    let part;
    try {
      part = await req.file({ limits: { fileSize: 10 * 1024 * 1024 + 1, files: 1 } });
    } catch {
      throw new AppException(400, ErrorCode.ValidationFailed, '上传内容格式有误', { file: '请选择文件' });
    }
    if (!part) throw new AppException(400, ErrorCode.ValidationFailed, '请选择要上传的文件', { file: '请选择文件' });
    let data: Buffer;
    try {
      data = await part.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppException(413, ErrorCode.PayloadTooLarge, '文件大小超过10MB上限，请压缩后重新上传', { file: '文件不能超过10MB' });
      }
      throw new AppException(400, ErrorCode.ValidationFailed, '文件上传中断，请重试', { file: '上传中断' });
    }
    const field = (name: string): string | undefined => {
      const f = part.fields[name] as { value?: unknown } | undefined;
      return typeof f?.value === 'string' ? f.value : undefined;
    };
    const purpose = field('purpose') ?? 'declaration';
    const sizeClass = (field('sizeClass') ?? 'ordinary') as SizeClass;
    if (!PURPOSES.has(purpose)) throw AppException.validation({ purpose: '文件用途不在允许范围内' });
    if (sizeClass !== 'ordinary' && sizeClass !== 'large') throw AppException.validation({ sizeClass: '文件大小类别应为 ordinary 或 large' });
    return this.files.uploadPdf(user, { data, name: part.filename, purpose, sizeClass });
  }

  @Get(':id')
  @RequirePermission(Permission.Self)
  async meta(@CurrentUser() user: AuthUser, @Param('id', uuidPipe) id: string): Promise<Awaited<ReturnType<FilesService['toDto']>>> {
    return this.files.toDto(await this.files.getReadable(user, id));
  }

  /** The PDF itself, for preview (inline) or download (?download=1). */
  @Get(':id/content')
  @RequirePermission(Permission.Self)
  async content(@CurrentUser() user: AuthUser, @Param('id', uuidPipe) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const f = await this.files.getReadable(user, id);
    const stream = await this.files.open(f);
    const download = (req.query as Record<string, string>)['download'] === '1';
    return reply
      .type('application/pdf')
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
