import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JwtStrategy } from '../../common/auth/jwt.strategy.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { CaptchaService } from './captcha.service.js';
import { TokenService } from './token.service.js';
import { SecurityPolicyService } from './security-policy.service.js';
import { SecurityPolicyController } from './security-policy.controller.js';

@Module({
  imports: [PassportModule, JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => ({ secret: c.jwtSecret }) })],
  controllers: [AuthController, AccountsController, SecurityPolicyController],
  providers: [AccountsService, CaptchaService, TokenService, SecurityPolicyService, JwtStrategy],
  exports: [AccountsService],
})
export class AccountsModule {}
