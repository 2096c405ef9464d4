import { clock } from '../../common/clock/clock.service.js';
import { Inject, Injectable } from '@nestjs/common';
import { createRequire } from 'node:module';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, type CaptchaResponse } from '@zhicheng/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { Captcha } from './entities/captcha.entity.js';
import { returningRows } from '../../database/query-utils.js';

/** No 0/O, 1/I/L: characters a person cannot confuse. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const TTL_MS = 5 * 60 * 1000;

// svg-captcha (maintained, MIT) draws each character as an outline path from its bundled font (opentype.js) among
// noise curves: the SVG holds no text a script could read off. Its default export renders a text we choose, so the
// text itself comes from node:crypto rather than the library's Math.random.
type RenderOptions = { width: number; height: number; fontSize: number; noise: number; color: boolean; background: string };
const renderSvg = createRequire(import.meta.url)('svg-captcha') as (text: string, options: RenderOptions) => string;

/**
 * Image captcha kept in the database, single use, valid 5 minutes, case-insensitive, stored as a hash.
 * With CAPTCHA_TEST_ANSWER (refused in production) every challenge accepts that answer and only it.
 */
@Injectable()
export class CaptchaService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(): Promise<CaptchaResponse> {
    const answer = this.config.captchaTestAnswer?.toUpperCase() ?? Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const row = await this.ds.getRepository(Captcha).save({
      answerHash: CryptoService.tokenHash(answer),
      expiresAt: new Date(clock.nowMs() + TTL_MS),
    });
    if (Math.random() < 0.02) {
      await this.ds.query(`DELETE FROM captchas WHERE expires_at < $1`, [clock.now()]);
    }
    return { captchaId: row.id, svg: renderSvg(answer, { width: 120, height: 40, fontSize: 46, noise: 4, color: true, background: '#f3f5f8' }) };
  }

  /** Consumes the challenge whatever the answer, so each image allows one try. */
  async verify(captchaId: string, code: string): Promise<void> {
    const fail = () => new AppException(400, ErrorCode.CaptchaInvalid, '验证码错误或已过期，请刷新后重试', { captchaCode: '验证码错误或已过期' });
    if (!/^[0-9a-f-]{36}$/i.test(captchaId ?? '')) throw fail();
    const rows = returningRows<{ answer_hash: string }>(
      await this.ds.query(`DELETE FROM captchas WHERE id = $1 AND expires_at > $2 RETURNING answer_hash`, [captchaId, clock.now()]),
    );
    const ok = rows[0] && rows[0].answer_hash === CryptoService.tokenHash((code ?? '').trim().toUpperCase());
    if (!ok) throw fail();
  }
}
