import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { FileAccessRegistry } from './file-access.registry.js';
import { FilesController } from './files.controller.js';
import { FilesService } from './files.service.js';
import { FILE_STORAGE } from './storage/file-storage.js';
import { LocalFileStorage } from './storage/local-file-storage.js';
import { S3FileStorage } from './storage/s3-file-storage.js';

/** H-06 attachments: upload (PDF by content, size classes), read with per-purpose access checks, delete. */
@Global()
@Module({
  controllers: [FilesController],
  providers: [
    FilesService,
    FileAccessRegistry,
    {
      provide: FILE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => (c.s3 ? new S3FileStorage(c.s3) : new LocalFileStorage(c.uploadDir)),
    },
  ],
  exports: [FilesService, FileAccessRegistry],
})
export class FilesModule {}
