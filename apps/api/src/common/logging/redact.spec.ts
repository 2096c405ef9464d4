import Fastify from 'fastify';
import { RedactingTypeOrmLogger, pinoRedaction, scrubText } from './redact.js';

const ID = '11010519491231002X';
const MOBILE = '13912345678';

describe('log redaction (issue 13)', () => {
  it('masks ID-number and mobile shapes in text, and leaves other numbers alone', () => {
    expect(scrubText(`身份证 ${ID}，手机 ${MOBILE}`)).toBe('身份证 110105************，手机 139****5678');
    expect(scrubText('ms 1796229238000 pid 13912345678901 hex a13912345678')).toBe('ms 1796229238000 pid 13912345678901 hex a13912345678');
  });

  it('the API logger writes no password, token, ID number or mobile, by field name or inside text', () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) }, ...pinoRedaction } });
    app.log.info({ password: 'Secret#2026', body: { idCard: ID, mobile: MOBILE, newPassword: 'N#2026x' }, req: { headers: { authorization: 'Bearer abc.def', cookie: 'zc_refresh=xyz' } } }, 'login');
    app.log.error({ err: new Error(`duplicate key (id_card)=(${ID}) for ${MOBILE}`), url: `/api/x/${MOBILE}` }, `failed for ${ID}`);
    const out = lines.join('');
    expect(lines).toHaveLength(2);
    for (const secret of [ID, MOBILE, 'Secret#2026', 'N#2026x', 'abc.def', 'xyz']) expect(out).not.toContain(secret);
    expect(out).toContain('[已隐去]');
    expect(out).toContain('139****5678');
    expect(JSON.parse(lines[1]!).msg).toBe('failed for 110105************');
  });

  it('a failed SQL statement is logged without its parameters or literals', () => {
    const written: string[] = [];
    new RedactingTypeOrmLogger((l) => written.push(l)).logQueryError(Object.assign(new Error('invalid input syntax'), { code: '22P02' }), `SELECT * FROM users WHERE mobile_hash = $1 AND name = '张三'`);
    const line = JSON.parse(written.join(''));
    expect(line).toMatchObject({ msg: 'query failed', code: '22P02', sql: "SELECT * FROM users WHERE mobile_hash = $1 AND name = '?'" });
    expect(JSON.stringify(line)).not.toContain('张三');
  });
});
