import { clock } from '../../common/clock/clock.service.js';
import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, type CaptchaResponse } from '@zhicheng/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { Captcha } from './entities/captcha.entity.js';
import { returningRows } from '../../database/query-utils.js';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const TTL_MS = 5 * 60 * 1000;

/** Image captcha kept in the database, single use, valid 5 minutes, case-insensitive. */
@Injectable()
export class CaptchaService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(): Promise<CaptchaResponse> {
    const answer = Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const row = await this.ds.getRepository(Captcha).save({
      answerHash: CryptoService.tokenHash(answer),
      expiresAt: new Date(clock.nowMs() + TTL_MS),
    });
    if (Math.random() < 0.02) {
      await this.ds.query(`DELETE FROM captchas WHERE expires_at < $1`, [clock.now()]);
    }
    return { captchaId: row.id, svg: this.render(answer), ...(this.config.captchaExpose ? { answer } : {}) };
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

  private render(text: string): string {
    const w = 120;
    const h = 40;
    const parts: string[] = [];
    for (let i = 0; i < 5; i++) {
      parts.push(
        `<line x1="${randomInt(w)}" y1="${randomInt(h)}" x2="${randomInt(w)}" y2="${randomInt(h)}" stroke="hsl(${randomInt(360)},50%,60%)" stroke-width="1"/>`,
      );
    }
    [...text].forEach((ch, i) => {
      const x = 14 + i * 26;
      const y = 28 + randomInt(6) - 3;
      const rot = randomInt(40) - 20;
      parts.push(
        `<text x="${x}" y="${y}" font-size="24" font-family="monospace" font-weight="bold" fill="hsl(${randomInt(360)},60%,35%)" transform="rotate(${rot} ${x} ${y})">${ch}</text>`,
      );
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="100%" height="100%" fill="#f3f5f8"/>${parts.join('')}</svg>`;
  }
}
