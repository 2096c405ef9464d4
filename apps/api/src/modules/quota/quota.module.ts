import { Module } from '@nestjs/common';
import { QuotaController } from './quota.controller.js';
import { QuotaService } from './quota.service.js';

/** U-12 / A-19: title position quotas (职数). */
@Module({ controllers: [QuotaController], providers: [QuotaService] })
export class QuotaModule {}
