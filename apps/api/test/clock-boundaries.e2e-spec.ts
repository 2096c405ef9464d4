import { chinaDate } from '@zhicheng/contracts';
import { clock } from '../src/common/clock/clock.service.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { createTestContext, type TestContext } from './context.js';

/**
 * Issue 21: business dates follow China's calendar on both sides of China's midnight, whatever the zone of the
 * machine or of the database session. The business clock is pinned at 23:59 and 00:01 China time (15:59 / 16:01 UTC).
 */
const BEFORE = '2026-09-30T15:59:00Z'; // 2026-09-30 23:59 in China
const AFTER = '2026-09-30T16:01:00Z'; // 2026-10-01 00:01 in China
const LAST_EVENING = '2026-10-07T15:59:00Z'; // 2026-10-07 23:59 in China
const NEXT_MORNING = '2026-10-07T16:01:00Z'; // 2026-10-08 00:01 in China

describe('business dates at China’s midnight (issue 21)', () => {
  let t: TestContext;
  let admin: string;
  let unit: string;
  const ids: Record<string, string> = {};
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const q = async (sql: string, p: unknown[] = []) => ((await t.ds.query(sql, p)) as { id: string }[])[0]?.id;

  /** A new applicant (a builder) named after the username, signed in; answers the token. */
  const createApplicant = async (username: string, idFirst17: string) =>
    (await t.newApplicant({ username, idFirst17, realName: `${username}姓名` })).token;


  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    unit = await t.login('unit_demo');
    ids.committee = (await q(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`))!;
    ids.unit = (await q(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`))!;
    ids.dept = (await q(`SELECT id FROM organisations WHERE name = '玄武区工业和信息化局'`))!;
    ids.title = (await q(`SELECT id FROM titles WHERE ministry_code = '0641'`))!;
    ids.batch = (await q(`SELECT id FROM batches WHERE committee_id = $1 AND kind = 'review' ORDER BY created_at LIMIT 1`, [ids.committee]))!;
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  it('a unit publicity is shown to the public through its last day at 23:59, and one starting tomorrow only after midnight', async () => {
    // A declaration at the unit's node (the only ones a unit may publicise, issue 15).
    const decl = (await t.newDeclaration((await t.newApplicant({ realName: '钱公示' })).token)).id;
    expect(decl).toBeTruthy();
    // Both published ahead (a unit publicity runs at least 5 working days): one ends on 30 September, one starts on 1 October.
    clock.pin('2026-09-10T02:00:00Z');
    const today = await t.http().post('/api/audit/publicity').set(auth(unit)).send({ title: '九月三十日公示', startsOn: '2026-09-14', endsOn: '2026-09-30', declarationIds: [decl] });
    expect(today.status).toBe(201);
    const tomorrow = await t.http().post('/api/audit/publicity').set(auth(unit)).send({ title: '国庆节后公示', startsOn: '2026-10-01', endsOn: '2026-10-23', declarationIds: [decl] });
    expect(tomorrow.status).toBe(201);
    clock.pin(BEFORE);
    const titles = async () => ((await t.http().get('/api/public/publicity?pageSize=100').expect(200)).body.items as { publicityTitle: string }[]).map((i) => i.publicityTitle);
    expect(await titles()).toContain('九月三十日公示');
    expect(await titles()).not.toContain('国庆节后公示');
    clock.pin(AFTER);
    expect(await titles()).not.toContain('九月三十日公示');
    expect(await titles()).toContain('国庆节后公示');
  });

  it('a batch window opens at 00:00 and closes at 24:00 China time', async () => {
    const opensAt = '2026-09-30T16:00:00Z'; // 2026-10-01 00:00 in China
    const closesAt = '2026-10-07T16:00:00Z'; // 2026-10-08 00:00 in China
    const batch = await q(
      `INSERT INTO batches (name, year, kind, committee_id, levels, opens_at, closes_at, commitment_text, status, version)
       SELECT '国庆窗口批次', 2026, kind, committee_id, levels, $2, $3, commitment_text, 'published', 1 FROM batches WHERE id = $1 RETURNING id`,
      [ids.batch, opensAt, closesAt],
    );
    const applicant = await t.login('applicant');
    const open = async () => ((await t.http().get('/api/declarations/batches/open?kind=review').set(auth(applicant)).expect(200)).body as { id: string }[]).some((b) => b.id === batch);
    clock.pin(BEFORE);
    expect(await open()).toBe(false);
    clock.pin(AFTER);
    expect(await open()).toBe(true);
    clock.pin(LAST_EVENING);
    expect(await open()).toBe(true);
    clock.pin(NEXT_MORNING);
    expect(await open()).toBe(false);
  });

  it('a certificate issued at 00:01 in China carries that day’s date', async () => {
    const issuerOrgId = (await t.ds.query(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`))[0].id;
    const item = (i: number) => ({
      issueKey: `clock:${i}`, holderName: `时钟${i}`, holderIdCard: demoIdCard(`1101051980020${String(1000 + i).slice(-4)}`), titleName: '工程师',
      seriesCode: 'GC', professionName: '电子信息', titleLevel: 'intermediate', qualificationDate: '2026-06-30', approvalDocNo: '苏职称〔2026〕9号',
      committeeName: '江苏省工程技术研究系列高级职称评审委员会', committeeOrgId: ids.committee, issuerOrgId,
    });
    clock.pin(BEFORE);
    const late = await t.http().post('/api/certificates/issue').set(auth(admin)).send({ items: [item(1)] });
    expect(late.status).toBe(200);
    clock.pin(AFTER);
    const early = await t.http().post('/api/certificates/issue').set(auth(admin)).send({ items: [item(2)] });
    expect(early.status).toBe(200);
    const dates = await t.ds.query(`SELECT issue_key, to_char(issue_date, 'YYYY-MM-DD') AS d FROM certificates WHERE issue_key LIKE 'clock:%' ORDER BY issue_key`);
    expect(dates).toEqual([{ issue_key: 'clock:1', d: '2026-09-30' }, { issue_key: 'clock:2', d: '2026-10-01' }]);
  });

  it('a blacklist period bars from its first day at 00:00 and frees after its last day at 24:00', async () => {
    await t.ds.query(`UPDATE batches SET opens_at = '2026-09-01T00:00:00Z', closes_at = '2026-12-31T00:00:00Z' WHERE id = $1`, [ids.batch]);
    const start = {
      batchId: ids.batch, regionCode: '320102', unitNature: 'enterprise', supervisingDeptId: ids.dept, unitOrgId: ids.unit, titleLevel: 'vice_senior',
      seriesCode: 'GC', titleId: ids.title, professionCode: 'GC01', method: '正常晋升', civilServant: false, committeeId: ids.committee, commitmentAccepted: true,
    };
    const starting = await createApplicant('clock_starting', '32010219800101123');
    const ending = await createApplicant('clock_ending', '32010219800202123');
    clock.pin(BEFORE);
    for (const [name, idFirst17, startsOn, endsOn] of [['clock_starting姓名', '32010219800101123', '2026-10-01', '2026-10-07'], ['clock_ending姓名', '32010219800202123', '2026-09-01', '2026-09-30']]) {
      const e = await t.http().post('/api/blacklist').set(auth(admin)).send({ realName: name, idCard: demoIdCard(idFirst17), reason: '提供虚假材料', source: '审核发现', startsOn, endsOn });
      expect(e.status).toBe(201);
    }
    const list = async () => (await t.http().get('/api/blacklist?keyword=clock_').set(auth(admin)).expect(200)).body.items as { realName: string; status: string }[];
    // 23:59 on the last day of one period and the eve of the other.
    expect((await list()).find((e) => e.realName === 'clock_ending姓名')?.status).toBe('active');
    const barred = await t.http().post('/api/declarations').set(auth(ending)).send(start);
    expect(barred.status).toBe(403);
    const free = await t.http().post('/api/declarations').set(auth(starting)).send(start);
    expect(free.status).toBe(201);
    // 00:01: the first period has begun, the second is over.
    clock.pin(AFTER);
    expect((await list()).find((e) => e.realName === 'clock_ending姓名')?.status).toBe('expired');
    const nowBarred = await t.http().post(`/api/declarations/${free.body.id}/submit`).set(auth(starting)).send({ version: free.body.version });
    expect(nowBarred.status).toBe(403);
    expect(nowBarred.body.message).toMatch(/黑名单（2026-10-01 至 2026-10-07）/);
    const nowFree = await t.http().post('/api/declarations').set(auth(ending)).send(start);
    expect(nowFree.status).toBe(201);
  });

  it('every answer carries the business clock, which the SPA takes its dates from', async () => {
    clock.pin(BEFORE);
    const res = await t.http().get('/api/health');
    const at = Number(res.headers['x-business-time']);
    expect(Math.abs(at - Date.parse(BEFORE))).toBeLessThan(5000);
    expect(chinaDate(at)).toBe(chinaDate(Date.parse(BEFORE)));
    clock.reset();
  });
});
