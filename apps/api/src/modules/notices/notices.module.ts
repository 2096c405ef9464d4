import { Global, Module } from '@nestjs/common';
import { NoticesController } from './notices.controller.js';
import { OutboxService } from './outbox.service.js';

@Global()
@Module({ controllers: [NoticesController], providers: [OutboxService], exports: [OutboxService] })
export class NoticesModule {}
