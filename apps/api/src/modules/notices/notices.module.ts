import { Global, Module } from '@nestjs/common';
import { NoticesController } from './notices.controller.js';
import { OutboxService } from './outbox.service.js';
import { NoticesService } from './notices.service.js';

@Global()
@Module({ controllers: [NoticesController], providers: [OutboxService, NoticesService], exports: [OutboxService, NoticesService] })
export class NoticesModule {}
