import type { NumberPool, Page, PoolCertificate } from '@zhicheng/contracts';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { createTestContext, type TestContext } from './context.js';

/**
 * A-12 证书编号生成: the administrator generates a range for an issuer and year, sees it used as certificates are
 * issued from it, lengthens it; bad ranges, unknown issuers and readers outside the scope are refused.
 */
describe('certificate number pools (A-12)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const auth = (u: string) => ({ authorization: `Bearer ${tok[u]}` });
  let issuerOrgId: string;
  const generate = (u: string, body: Record<string, unknown>) => t.http().post('/api/certificate-number-pools').set(auth(u)).send(body);
  const pools = async (u: string, q = ''): Promise<NumberPool[]> => {
    const r = await t.http().get(`/api/certificate-number-pools${q}`).set(auth(u));
    expect(r.status).toBe(200);
    return r.body as NumberPool[];
  };

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['admin', 'nj_admin', 'committee_demo']) tok[u] = await t.login(u);
    issuerOrgId = ((await t.ds.query(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`)) as { id: string }[])[0]!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('generates a range, hands out its numbers in order, shows them used, and lengthens it', async () => {
    const made = await generate('admin', { issuerCode: '3200', year: 2027, startSeq: 501, endSeq: 1000 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      issuerCode: '3200',
      year: 2027,
      startSeq: 501,
      endSeq: 1000,
      used: 0,
      remaining: 500,
      firstNo: '32002027X000501',
      lastNo: '32002027X001000',
    });

    const person = (i: number) => ({
      issueKey: `pool:${i}`,
      holderName: `号段${i}`,
      holderIdCard: demoIdCard(`1101051980020${String(1000 + i).slice(-4)}`),
      titleName: '工程师',
      seriesCode: 'GC',
      professionName: '电子信息',
      titleLevel: 'intermediate',
      qualificationDate: '2026-12-01',
      approvalDocNo: '苏职称〔2027〕1号',
      committeeName: '江苏省工程技术研究系列高级职称评审委员会',
      issuerOrgId,
      issueDate: '2027-01-05',
    });
    const issued = await t
      .http()
      .post('/api/certificates/issue')
      .set(auth('admin'))
      .send({ items: [person(1), person(2)] });
    expect(issued.body).toMatchObject({ issued: 2, failed: [] });

    const pool = (await pools('admin', '?year=2027')).find((p) => p.issuerCode === '3200');
    expect(pool).toMatchObject({ used: 2, nextSeq: 503, remaining: 498 });
    const used = await t.http().get('/api/certificate-number-pools/3200/2027/certificates').set(auth('admin'));
    expect(used.status).toBe(200);
    const page = used.body as Page<PoolCertificate>;
    expect(page.total).toBe(2);
    expect(page.items.map((c) => c.certificateNo)).toEqual(['320020273000501', '320020273000502']);
    expect(page.items[0]).toMatchObject({ holderName: '号段1', titleName: '工程师', issueDate: '2027-01-05', status: 'valid' });

    expect((await generate('admin', { issuerCode: '3200', year: 2027, endSeq: 900 })).body.fields).toEqual({
      endSeq: '结束序号应大于当前的1000',
    });
    expect((await generate('admin', { issuerCode: '3200', year: 2027, startSeq: 1, endSeq: 2000 })).body.fields.startSeq).toMatch(
      /只能延长结束序号/,
    );
    const longer = await generate('admin', { issuerCode: '3200', year: 2027, endSeq: 2000 });
    expect(longer.status).toBe(201);
    expect(longer.body).toMatchObject({ startSeq: 501, endSeq: 2000, used: 2, remaining: 1498 });

    const log = (await t.ds.query(
      `SELECT before, after FROM audit_logs WHERE action = 'certificate.number_range.generate' AND target_id = '3200-2027' ORDER BY created_at`,
    )) as {
      before: unknown;
      after: unknown;
    }[];
    expect(log.map((l) => [l.before, l.after])).toEqual([
      [null, { startSeq: 501, endSeq: 1000 }],
      [
        { startSeq: 501, endSeq: 1000 },
        { startSeq: 501, endSeq: 2000 },
      ],
    ]);
  });

  it('refuses bad ranges and unknown issuers in Chinese', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ issuerCode: '12', year: 2028, endSeq: 10 }, '发证单位编码应为4位数字'],
      [{ issuerCode: '9999', year: 2028, endSeq: 10 }, '没有该编码的发证单位'],
      [{ issuerCode: '3200', year: 1999, endSeq: 10 }, '年度有误'],
      [{ issuerCode: '3200', year: 2028, endSeq: 1_000_000 }, '结束序号不能超过999999'],
      [{ issuerCode: '3200', year: 2028, startSeq: 50, endSeq: 10 }, '结束序号不能小于起始序号'],
      [{ issuerCode: '3200', year: 2028, startSeq: 0, endSeq: 10 }, '起始序号至少为1'],
      [{ issuerCode: '3200', year: 'x', endSeq: 10 }, '年度应为整数'],
    ];
    for (const [body, message] of cases) {
      const r = await generate('admin', body);
      expect([JSON.stringify(body), r.status, JSON.stringify(r.body)]).toEqual([
        JSON.stringify(body),
        400,
        expect.stringContaining(message),
      ]);
    }
    expect((await t.http().get('/api/certificate-number-pools/32/2027/certificates').set(auth('admin'))).status).toBe(400);
    expect((await pools('admin', '?year=2028')).find((p) => p.issuerCode === '3200')).toBeUndefined();
  });

  it('keeps each administrator to the issuers of their region; other roles have no such page', async () => {
    expect((await generate('nj_admin', { issuerCode: '3200', year: 2029, endSeq: 10 })).status).toBe(403);
    expect((await pools('nj_admin')).map((p) => p.issuerCode)).not.toContain('3200');
    expect((await t.http().get('/api/certificate-number-pools/3200/2027/certificates').set(auth('nj_admin'))).status).toBe(403);
    expect((await t.http().get('/api/certificate-number-pools').set(auth('committee_demo'))).status).toBe(403);
    expect((await t.http().get('/api/certificate-number-pools')).status).toBe(401);
  });
});
