import { Global, Module } from '@nestjs/common';
import { NoticesController } from './notices.controller.js';
import { OutboxService } from './outbox.service.js';
import { NoticesService } from './notices.service.js';
import { MessageDeliveryService } from './delivery/message-delivery.service.js';
import { MessagesAdminController } from './delivery/messages-admin.controller.js';

@Global()
@Module({
  controllers: [NoticesController, MessagesAdminController],
  providers: [OutboxService, NoticesService, MessageDeliveryService],
  exports: [OutboxService, NoticesService, MessageDeliveryService],
})
export class NoticesModule {}
