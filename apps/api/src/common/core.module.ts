import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AccessService } from './access/access.service.js';
import { CryptoService } from './crypto/crypto.service.js';
import { RateLimitService } from './rate-limit/rate-limit.service.js';
import { PdfService } from './pdf/pdf.service.js';
import { ClockService, clock } from './clock/clock.service.js';

/** Cross-cutting services every module may use: configuration, the business clock, crypto, access scope, rate limits, PDF rendering. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: ClockService, useValue: clock }, CryptoService, AccessService, RateLimitService, PdfService],
      exports: [APP_CONFIG, ClockService, CryptoService, AccessService, RateLimitService, PdfService],
    };
  }
}
