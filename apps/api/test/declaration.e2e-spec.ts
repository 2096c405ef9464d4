import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { createTestContext, type TestContext } from './context.js';
import { pdfText } from './support/pdf-text.js';
import { binary } from './support/binary.js';

describe('declarations (H-03..H-09)', () => {
  let t: TestContext;
  let applicant: string;
  let other: string;
  let admin: string;
  const ids: Record<string, string> = {};
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A new applicant (a builder) named after the username, signed in; answers the token. */
  const createApplicant = async (username: string, idFirst17: string) =>
    (await t.newApplicant({ username, idFirst17, realName: `${username}姓名`, withMobile: true })).token;


  beforeAll(async () => {
    t = await createTestContext();
    applicant = await t.login('applicant');
    admin = await t.login('admin');
    other = await createApplicant('lisi', '32010219880512123');
    const q = async (sql: string, p: unknown[] = []) => ((await t.ds.query(sql, p)) as { id: string }[])[0].id;
    ids.committee = await q(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`);
    ids.batch = await q(`SELECT id FROM batches WHERE committee_id = $1 AND kind = 'review'`, [ids.committee]);
    ids.unit = await q(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`);
    ids.dept = await q(`SELECT id FROM organisations WHERE name = '玄武区工业和信息化局'`);
    ids.title = await q(`SELECT id FROM titles WHERE ministry_code = '0641'`);
    ids.school = await q(`SELECT id FROM organisations WHERE name = '南京市第一中学'`);
  });
  afterAll(async () => {
    await t.close();
  });

  const startBody = (over: Record<string, unknown> = {}) => ({
    batchId: ids.batch,
    regionCode: '320102',
    unitNature: 'enterprise',
    supervisingDeptId: ids.dept,
    unitOrgId: ids.unit,
    titleLevel: 'vice_senior',
    seriesCode: 'GC',
    titleId: ids.title,
    professionCode: 'GC01',
    method: '正常晋升',
    civilServant: false,
    committeeId: ids.committee,
    commitmentAccepted: true,
    ...over,
  });
  const upload = async (token: string, data?: Buffer, sizeClass = 'ordinary') => {
    const res = await t.http().post('/api/files').set(auth(token)).field('purpose', 'declaration').field('sizeClass', sizeClass)
      .attach('file', data ?? (await t.pdf()), { filename: '材料.pdf', contentType: 'application/pdf' });
    return res;
  };
  const save = (token: string, id: string, key: string, value: unknown, version: number) =>
    t.http().put(`/api/declarations/${id}/modules/${key}`).set(auth(token)).send({ value, version });



  let draft: { id: string; version: number };

  it('H-03 offers the start-screen options, the open batches with the commitment letter and the unit pickers', async () => {
    const opts = await t.http().get('/api/declarations/options').set(auth(applicant)).expect(200);
    const gc = opts.body.series.find((s: { code: string }) => s.code === 'GC');
    expect(gc.professions.map((p: { code: string }) => p.code)).toContain('GC01');
    expect(opts.body.methods.find((m: { value: string }) => m.value === '破格').needsCondition).toBe(true);
    const open = await t.http().get('/api/declarations/batches/open?kind=review').set(auth(applicant)).expect(200);
    expect(open.body[0].commitmentText).toContain('承诺');
    const units = await t.http().get('/api/declarations/pickers/orgs?type=unit&regionCode=320102&keyword=示范').set(auth(applicant)).expect(200);
    expect(units.body.map((o: { name: string }) => o.name)).toContain('南京示范科技有限公司');
    const depts = await t.http().get('/api/declarations/pickers/orgs?type=dept&regionCode=320102').set(auth(applicant)).expect(200);
    expect(depts.body.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['玄武区工业和信息化局', '南京市工业和信息化局']));
  });

  it('H-03 refuses a start with the wrong committee, a missing unit, or a 破格 condition on a normal promotion', async () => {
    const wrong = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody({ committeeId: ids.unit }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.committeeId).toBe('所选评委会不是该申报批次的评委会');
    const noUnit = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody({ unitOrgId: undefined }));
    expect(noUnit.body.fields.unitOrgId).toBe('请选择工作单位');
    const cond = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody({ exceptionalCondition: '业绩突出破格' }));
    expect(cond.body.fields.exceptionalCondition).toBe('只有破格申报才填写破格条件');
    const noCond = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody({ method: '破格' }));
    expect(noCond.body.fields.exceptionalCondition).toBe('破格申报请选择破格条件');
    const noCommit = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody({ commitmentAccepted: false }));
    expect(noCommit.status).toBe(400);
  });

  it('H-03 refuses a start outside the batch window', async () => {
    await t.ds.query(`UPDATE batches SET closes_at = now() - interval '1 day' WHERE id = $1`, [ids.batch]);
    const res = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody());
    await t.ds.query(`UPDATE batches SET closes_at = now() + interval '100 days' WHERE id = $1`, [ids.batch]);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/^不在申报时间内：该批次申报时间为 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
  });

  it('H-03 refuses a start for a person on the blacklist', async () => {
    const black = await createApplicant('wangwu', '32010219850101123');
    const entry = await t.http().post('/api/blacklist').set(auth(admin))
      .send({ realName: 'wangwu姓名', idCard: demoIdCard('32010219850101123'), reason: '提供虚假学历证明', source: '审核发现', startsOn: '2020-01-01', endsOn: '2099-12-31' });
    expect(entry.status).toBe(201);
    const res = await t.http().post('/api/declarations').set(auth(black)).send(startBody());
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/^您已被列入职称申报黑名单.*原因：提供虚假学历证明/);
  });

  it('H-03 starts a draft with the template modules (grey), one per batch', async () => {
    const res = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody());
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('draft');
    expect(res.body.editable).toBe(true);
    expect(res.body.unitName).toBe('南京示范科技有限公司');
    expect(res.body.modules.find((m: { key: string }) => m.key === 'basic_info')).toMatchObject({ required: true, status: 'empty' });
    expect(res.body.timeline[0].actionLabel).toBe('创建申报（暂存）');
    draft = { id: res.body.id, version: res.body.version };
    const again = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody());
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('您在该批次已有申报，请在“我的申报”中继续填写');
  });

  it('H-04 save validates what was typed (limits, rows, dates) and keys every error by module and field', async () => {
    const long = await save(applicant, draft.id, 'work_summary', { text: '字'.repeat(2001) }, draft.version);
    expect(long.status).toBe(400);
    expect(long.body.fields['modules.work_summary.text']).toBe('工作总结不能超过2000字（当前2001字）');
    const rows = Array.from({ length: 9 }, (_, i) => ({ year: 2020, content: `课程${i}`, hours: 8 }));
    const many = await save(applicant, draft.id, 'continuing_education', rows, draft.version);
    expect(many.body.fields['modules.continuing_education._']).toBe('继续教育最多填写8项');
    const dates = await save(applicant, draft.id, 'work_experience', [{ startDate: '2020-01-01', endDate: '2019-01-01', unit: 'x', duties: 'y' }], draft.version);
    expect(dates.body.fields['modules.work_experience.0.endDate']).toBe('截止（毕业）时间不能早于起始时间');
    const unknown = await save(applicant, draft.id, 'probation_work', [], draft.version);
    expect(unknown.status).toBe(404);
    const ok = await save(applicant, draft.id, 'work_experience', [{ startDate: '2020-01-01', unit: '南京示范科技有限公司', duties: '研发' }], draft.version);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: draft.version + 1, status: 'filled' });
    const stale = await save(applicant, draft.id, 'work_experience', [], draft.version);
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('数据已在其他页面修改，请刷新后重试');
    draft.version = ok.body.version;
  });

  it('H-06 refuses attachments that are not the applicant’s or exceed the template’s limit; a non-PDF is refused at upload', async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
    const bad = await upload(applicant, fake);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('文件内容不是PDF格式，请上传PDF文件');
    const big = await upload(applicant, await t.pdf('scan', 600 * 1024), 'large');
    expect(big.status).toBe(201);
    const over = await save(applicant, draft.id, 'integrity_commitment', { _files: { commitmentFile: big.body.id } }, draft.version);
    expect(over.status).toBe(400);
    expect(over.body.fields['modules.integrity_commitment._files.commitmentFile']).toMatch(/超过500KB上限/);
    const others = await upload(other);
    const foreign = await save(applicant, draft.id, 'integrity_commitment', { _files: { commitmentFile: others.body.id } }, draft.version);
    expect(foreign.body.fields['modules.integrity_commitment._files.commitmentFile']).toBe('附件不存在或不是本人上传的申报材料，请重新上传');
  });

  it('H-07 submission lists every missing item with its module and field', async () => {
    const res = await t.http().post(`/api/declarations/${draft.id}/submit`).set(auth(applicant)).send({ version: draft.version });
    expect(res.status).toBe(400);
    const n = Object.keys(res.body.fields).length;
    expect(res.body.message).toBe(`申报材料有${n}处需要完善`);
    expect(res.body.fields['modules.basic_info.gender']).toBe('请填写性别');
    expect(res.body.fields['modules.education._']).toBe('请至少填写1条学历学位信息');
    expect(res.body.fields['modules.work_summary.text']).toBe('请填写工作总结');
    expect(res.body.fields['modules.integrity_commitment._files.commitmentFile']).toBe('请上传个人诚信承诺书（PDF）');
  });

  it('H-06 another applicant cannot read the declaration, its timeline, forms or files', async () => {
    const own = await upload(applicant);
    for (const path of [`/api/declarations/${draft.id}`, `/api/declarations/${draft.id}/timeline`, `/api/declarations/${draft.id}/forms/review-form`, `/api/files/${own.body.id}`]) {
      const res = await t.http().get(path).set(auth(other));
      expect(res.status).toBe(404);
    }
    const put = await save(other, draft.id, 'work_summary', { text: 'x' }, draft.version);
    expect(put.status).toBe(404);
    const list = await t.http().get('/api/declarations').set(auth(other)).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('H-07 submission resolves and snapshots the audit path; the timeline shows the first node; then nothing is editable', async () => {
    draft.version = await t.fillModules(applicant, draft.id, draft.version);
    const res = await t.http().post(`/api/declarations/${draft.id}/submit`).set(auth(applicant)).send({ version: draft.version });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('under_audit');
    expect(res.body.editable).toBe(false);
    expect(res.body.path[0]).toMatchObject({ orgName: '南京示范科技有限公司', state: 'current' });
    expect(res.body.path.map((s: { orgName?: string }) => s.orgName)).toContain('江苏省工程技术研究系列高级职称评审委员会');
    expect(res.body.currentStage).toContain('南京示范科技有限公司');
    const tl = await t.http().get(`/api/declarations/${draft.id}/timeline`).set(auth(applicant)).expect(200);
    expect(tl.body.at(-1)).toMatchObject({ action: 'submit', actionLabel: '提交申报', toStatus: 'under_audit' });
    expect(tl.body.at(-1).toStage).toContain('南京示范科技有限公司');
    const row: { current_org_id: string }[] = await t.ds.query('SELECT current_org_id FROM declarations WHERE id = $1', [draft.id]);
    expect(row[0].current_org_id).toBe(ids.unit);
    const locked: { n: string }[] = await t.ds.query(`SELECT count(*) AS n FROM stored_files WHERE locked AND owner_user_id = (SELECT applicant_user_id FROM declarations WHERE id = $1)`, [draft.id]);
    expect(Number(locked[0].n)).toBe(5);
    const sms: unknown[] = await t.ds.query(`SELECT 1 FROM outbox_messages WHERE channel = 'sms' AND subject = '职称申报提交申报'`);
    expect(sms.length).toBe(1);
    const edit = await save(applicant, draft.id, 'work_summary', { text: '改' }, res.body.version);
    expect(edit.status).toBe(409);
    expect(edit.body.message).toBe('申报已提交（审核中），不能修改');
    const cancel = await t.http().post(`/api/declarations/${draft.id}/cancel`).set(auth(applicant)).send({ version: res.body.version });
    expect(cancel.status).toBe(409);
    draft.version = res.body.version;
  });

  it('H-06 the unit on the path reads the attachments; a unit elsewhere does not', async () => {
    const d = await t.http().get(`/api/declarations/${draft.id}`).set(auth(applicant)).expect(200);
    const fileId = Object.keys(d.body.files)[0];
    const unit = await t.login('unit_demo');
    await t.http().get(`/api/files/${fileId}`).set(auth(unit)).expect(200);
    const sz = await t.login('sz_unit');
    await t.http().get(`/api/files/${fileId}`).set(auth(sz)).expect(404);
  });

  it('H-09 the forms are PDFs with the applicant’s data, watermarked 预览 before the pre-audit passes', async () => {
    for (const form of ['review-form', 'brief-form', 'catalogue', 'entrustment']) {
      const res = await t.http().get(`/api/declarations/${draft.id}/forms/${form}`).set(auth(applicant)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = (await pdfText(res.body as Buffer)).replace(/\s+/g, '');
      expect(text).toContain('张三');
      expect(text).toContain('预览');
      if (form === 'review-form') expect(text).toContain('智能电表通信模块研发');
      if (form === 'entrustment') expect(text).toContain('江苏省工程技术研究系列高级职称评审委员会');
    }
    await t.ds.query('UPDATE declarations SET current_stage = 1 WHERE id = $1', [draft.id]);
    const passed = await t.http().get(`/api/declarations/${draft.id}/forms/review-form`).set(auth(applicant)).buffer(true).parse(binary);
    expect((await pdfText(passed.body as Buffer)).replace(/\s+/g, '')).not.toContain('预览');
    await t.ds.query('UPDATE declarations SET current_stage = 0 WHERE id = $1', [draft.id]);
    await t.http().get(`/api/declarations/${draft.id}/forms/nonsense`).set(auth(applicant)).expect(404);
  });

  it('H-08 lists my current declarations with search, and a returned declaration can be edited, resubmitted or cancelled', async () => {
    const cur = await t.http().get('/api/declarations?scope=current&keyword=工程技术').set(auth(applicant)).expect(200);
    expect(cur.body.total).toBe(1);
    expect(cur.body.items[0].statusLabel).toBe('审核中');
    const none = await t.http().get('/api/declarations?scope=current&keyword=卫生').set(auth(applicant)).expect(200);
    expect(none.body.total).toBe(0);
    // An auditor (issue 6) returns it to the applicant: simulate with the state the workflow writes.
    await t.ds.query(
      `UPDATE declarations SET status = 'returned', returned_to_applicant = true, last_return_reason = '学历证书不清晰',
              module_failures = '{"education": {"0._files.diplomaFile": "证书扫描件不清晰"}}', version = version + 1 WHERE id = $1`,
      [draft.id],
    );
    await t.ds.query(`INSERT INTO declaration_events (declaration_id, action, from_status, to_status, from_stage, to_stage, opinion) VALUES ($1, 'return', 'under_audit', 'returned', 0, NULL, '学历证书不清晰')`, [draft.id]);
    const d = await t.http().get(`/api/declarations/${draft.id}`).set(auth(applicant)).expect(200);
    expect(d.body.editable).toBe(true);
    expect(d.body.lastReturnReason).toBe('学历证书不清晰');
    expect(d.body.modules.find((m: { key: string }) => m.key === 'education')).toMatchObject({ status: 'failed', failures: { '0._files.diplomaFile': '证书扫描件不清晰' } });
    const edited = await save(applicant, draft.id, 'work_summary', { text: '修改后的工作总结。' }, d.body.version);
    expect(edited.status).toBe(200);
    const re = await t.http().post(`/api/declarations/${draft.id}/resubmit`).set(auth(applicant)).send({ version: edited.body.version });
    expect(re.status).toBe(200);
    expect(re.body).toMatchObject({ status: 'under_audit', editable: false });
    expect(re.body.path[0].state).toBe('current');
    expect(re.body.modules.find((m: { key: string }) => m.key === 'education').status).toBe('filled');
    draft.version = re.body.version;
  });

  it('H-04 education rows of an earlier declaration are prefilled locked and cannot be changed or deleted', async () => {
    // A second batch of the same committee for the next year.
    const b: { id: string }[] = await t.ds.query(
      `INSERT INTO batches (name, year, kind, committee_id, levels, opens_at, closes_at, status, version)
       VALUES ('2027年度评审', 2027, 'review', $1, '{vice_senior,senior}', now() - interval '1 day', now() + interval '30 days', 'published', 1) RETURNING id`,
      [ids.committee],
    );
    await t.ds.query(`INSERT INTO batch_modules (batch_id, module_key, required, attachment_required, attachment_max_bytes, sort_order) SELECT $1, module_key, required, attachment_required, attachment_max_bytes, sort_order FROM batch_modules WHERE batch_id = $2`, [b[0].id, ids.batch]);
    const res = await t.http().post('/api/declarations').set(auth(applicant)).send(startBody({ batchId: b[0].id }));
    expect(res.status).toBe(201);
    const edu = res.body.data.education;
    expect(edu).toHaveLength(1);
    expect(edu[0]).toMatchObject({ school: '东南大学', _locked: true });
    const changed = await save(applicant, res.body.id, 'education', [{ ...edu[0], school: '南京大学' }], res.body.version);
    expect(changed.status).toBe(400);
    expect(changed.body.message).toBe('往年申报的学历信息不能删除或修改，如需修改请提出申请');
    const deleted = await save(applicant, res.body.id, 'education', [], res.body.version);
    expect(deleted.body.message).toBe('往年申报的学历信息不能删除或修改，如需修改请提出申请');
    const added = await save(applicant, res.body.id, 'education', [edu[0], { school: '东南大学', major: '电子', educationLevel: '硕士研究生', degree: '硕士', startDate: '2013-09-01', endDate: '2016-07-01' }], res.body.version);
    expect(added.status).toBe(200);
    const cancel = await t.http().post(`/api/declarations/${res.body.id}/cancel`).set(auth(applicant)).send({ version: added.body.version, reason: '不再申报' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    const hist = await t.http().get('/api/declarations?scope=history').set(auth(applicant)).expect(200);
    expect(hist.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
  });

  it('H-07 a broken path refuses submission and names the node', async () => {
    const d = await t.http().post('/api/declarations').set(auth(other)).send(startBody({ unitOrgId: ids.school, supervisingDeptId: ids.dept, regionCode: '320100' }));
    expect(d.status).toBe(201);
    const v = await t.fillModules(other, d.body.id, d.body.version);
    const res = await t.http().post(`/api/declarations/${d.body.id}/submit`).set(auth(other)).send({ version: v });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PATH_BROKEN');
    expect(res.body.message).toContain('南京市教育局');
  });

  it('H-07 submission is refused outside the batch window and for a blacklisted person', async () => {
    const mine: { id: string; version: number }[] = await t.ds.query(`SELECT id, version FROM declarations WHERE applicant_user_id = (SELECT id FROM users WHERE username = 'lisi') AND status = 'draft'`);
    await t.ds.query(`UPDATE batches SET closes_at = now() - interval '1 hour' WHERE id = $1`, [ids.batch]);
    const closed = await t.http().post(`/api/declarations/${mine[0].id}/submit`).set(auth(other)).send({ version: mine[0].version });
    await t.ds.query(`UPDATE batches SET closes_at = now() + interval '100 days' WHERE id = $1`, [ids.batch]);
    expect(closed.status).toBe(409);
    expect(closed.body.message).toMatch(/^不在申报时间内/);
    await t.http().post('/api/blacklist').set(auth(admin))
      .send({ realName: 'lisi姓名', idCard: demoIdCard('32010219880512123'), reason: '论文抄袭', source: '审核发现', startsOn: '2020-01-01', endsOn: '2099-12-31' }).expect(201);
    const black = await t.http().post(`/api/declarations/${mine[0].id}/submit`).set(auth(other)).send({ version: mine[0].version });
    expect(black.status).toBe(403);
    expect(black.body.message).toContain('论文抄袭');
  });

  it('H-05 an 初定 declaration starts with its own modules and an acceptance institution, and auto-fetch finds education', async () => {
    const open = await t.http().get('/api/declarations/batches/open?kind=initial').set(auth(applicant)).expect(200);
    expect(open.body).toHaveLength(1);
    const asst: { id: string }[] = await t.ds.query(`SELECT id FROM titles WHERE ministry_code = '0621'`);
    const res = await t.http().post('/api/declarations').set(auth(applicant))
      .send(startBody({ batchId: open.body[0].id, committeeId: open.body[0].committeeId, titleLevel: 'assistant', titleId: asst[0].id }));
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('initial');
    expect(res.body.committeeName).toBe('南京市人才服务中心');
    const keys = res.body.modules.map((m: { key: string }) => m.key);
    expect(keys).toContain('probation_work');
    expect(keys).not.toContain('achievements');
    const fetched = await t.http().post('/api/declarations/education/fetch').set(auth(applicant)).expect(200);
    expect(fetched.body.found).toBe(true);
    expect(fetched.body.rows[0].educationLevel).toBe('本科');
  });
});
