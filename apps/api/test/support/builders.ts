import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type request from 'supertest';
import { Role } from '@zhicheng/contracts';
import { CryptoService } from '../../src/common/crypto/crypto.service.js';
import { DEMO_PASSWORD, demoIdCard } from '../../src/database/seeds/demo.seed.js';

/**
 * Data builders for integration tests (as Immich's `ctx.newUser()`): each call makes what one test needs, new and
 * unique, so a test arranges its own data instead of sharing the demo applicant with the tests before it.
 * The organisation structure (units, departments, committees, batches, titles) stays the demo seed's: it is
 * reference data no test changes. `ctx.demo()` names it.
 */

/** The demo seed's organisations and batch an applicant of 南京示范科技有限公司 declares in (副高级, 工程技术). */
export interface DemoIds {
  committee: string;
  batch: string;
  unit: string;
  dept: string;
  title: string;
}

export interface NewApplicant {
  username: string;
  userId: string;
  /** the access token of a fresh sign-in */
  token: string;
  idCard: string;
  realName: string;
  mobile?: string;
}

/** How far a new declaration is taken: a started draft, every module filled, or submitted (waiting at the unit). */
export type DeclarationStage = 'draft' | 'filled' | 'submitted';

export interface NewDeclaration {
  id: string;
  version: number;
}

export interface Builders {
  demo(): Promise<DemoIds>;
  /** A PDF a declaration accepts as a scan (one page with the text; padBytes make it bigger). */
  pdf(text?: string, padBytes?: number): Promise<Buffer>;
  /** An applicant account (made in SQL, as registration is tested on its own), signed in. */
  newApplicant(opts?: { realName?: string; username?: string; idFirst17?: string; withMobile?: boolean }): Promise<NewApplicant>;
  /** Uploads a PDF as the token's user; answers the file id. */
  upload(token: string, opts?: { data?: Buffer; sizeClass?: 'ordinary' | 'large'; purpose?: string }): Promise<string>;
  /** The body of `POST /api/declarations` for the demo batch, with overrides. */
  startBody(over?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Fills every required module of the demo review template; answers the last version. */
  fillModules(token: string, id: string, version: number): Promise<number>;
  /** A declaration of the token's applicant, taken to the stage. */
  newDeclaration(token: string, opts?: { stage?: DeclarationStage; start?: Record<string, unknown> }): Promise<NewDeclaration>;
  /** The declaration's current version (for the next optimistic write). */
  declarationVersion(id: string): Promise<number>;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function createBuilders(deps: {
  app: NestFastifyApplication;
  ds: DataSource;
  http: () => ReturnType<typeof request>;
  login: (username: string) => Promise<string>;
}): Builders {
  const { app, ds, http, login } = deps;
  let demoIds: DemoIds | null = null;
  const one = async (sql: string, p: unknown[] = []) => {
    const rows = (await ds.query(sql, p)) as { id: string }[];
    if (!rows[0]) throw new Error(`builder: nothing found for ${sql}`);
    return rows[0].id;
  };

  const demo = async (): Promise<DemoIds> => {
    if (demoIds) return demoIds;
    const committee = await one(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`);
    demoIds = {
      committee,
      batch: await one(`SELECT id FROM batches WHERE committee_id = $1 AND kind = 'review' ORDER BY created_at LIMIT 1`, [committee]),
      unit: await one(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`),
      dept: await one(`SELECT id FROM organisations WHERE name = '玄武区工业和信息化局'`),
      title: await one(`SELECT id FROM titles WHERE ministry_code = '0641'`),
    };
    return demoIds;
  };

  const pdf = async (text = 'scan', padBytes = 0): Promise<Buffer> => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([300, 300]).drawText(text, { x: 20, y: 150, font, size: 12 });
    // random bytes: incompressible, so the file really is that much bigger
    if (padBytes > 0) await doc.attach(randomBytes(padBytes), 'padding.bin', { mimeType: 'application/octet-stream' });
    return Buffer.from(await doc.save());
  };

  const newApplicant: Builders['newApplicant'] = async (opts = {}) => {
    const crypto = app.get(CryptoService);
    const tag = randomBytes(4).toString('hex');
    const username = opts.username ?? `app_${tag}`;
    // 17 digits: a Nanjing region code, a birth date in 1980–1989 and a random sequence, then the checksum
    const idFirst17 = opts.idFirst17 ?? `32010219${80 + (parseInt(tag.slice(0, 2), 16) % 10)}0101${String(parseInt(tag.slice(2), 16) % 1000).padStart(3, '0')}`;
    const idCard = demoIdCard(idFirst17);
    const realName = opts.realName ?? `申报人${tag.slice(0, 4)}`;
    const mobile = opts.withMobile ? `136${String(parseInt(tag, 16) % 1e8).padStart(8, '0')}` : undefined;
    const rows = (await ds.query(
      `INSERT INTO users (username, role, real_name, id_card_enc, id_card_hash, mobile_enc, mobile_hash, password_hash, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id`,
      [
        username,
        Role.Applicant,
        realName,
        crypto.encrypt(idCard),
        crypto.blindIndex(idCard),
        mobile ? crypto.encrypt(mobile) : null,
        mobile ? crypto.blindIndex(mobile) : null,
        await crypto.hashPassword(DEMO_PASSWORD),
      ],
    )) as { id: string }[];
    return { username, userId: rows[0].id, token: await login(username), idCard, realName, ...(mobile ? { mobile } : {}) };
  };

  const upload: Builders['upload'] = async (token, opts = {}) => {
    const res = await http()
      .post('/api/files')
      .set(bearer(token))
      .field('purpose', opts.purpose ?? 'declaration')
      .field('sizeClass', opts.sizeClass ?? 'ordinary')
      .attach('file', opts.data ?? (await pdf()), { filename: '材料.pdf', contentType: 'application/pdf' });
    if (res.status !== 201) throw new Error(`builder upload: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  const startBody: Builders['startBody'] = async (over = {}) => {
    const ids = await demo();
    return {
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
    };
  };

  const fillModules: Builders['fillModules'] = async (token, id, version) => {
    const f = () => upload(token);
    const values: Record<string, unknown> = {
      basic_info: { gender: '男', nation: '汉族', politicalStatus: '群众', workStartDate: '2012-07-01', _files: { idCardFront: await f(), idCardBack: await f() } },
      education: [
        {
          school: '东南大学',
          major: '电子信息工程',
          educationLevel: '本科',
          degree: '学士',
          startDate: '2008-09-01',
          endDate: '2012-07-01',
          diplomaNo: '102861201205000123',
          highest: true,
          _files: { diplomaFile: await f() },
        },
      ],
      current_title: { titleName: '工程师', obtainedDate: '2017-12-01', certificateNo: 'GC2017-001', issuer: '南京市人社局', _files: { certificateFile: await f() } },
      work_experience: [{ startDate: '2012-07-01', unit: '南京示范科技有限公司', duties: '嵌入式软件研发' }],
      achievements: [{ project: '智能电表通信模块研发', startDate: '2019-01-01', endDate: '2020-06-30', role: '项目负责人' }],
      work_summary: { text: '任现职以来，本人主持完成多项电子信息工程项目。' },
      integrity_commitment: { _files: { commitmentFile: await f() } },
    };
    let v = version;
    for (const [k, value] of Object.entries(values)) {
      const res = await http().put(`/api/declarations/${id}/modules/${k}`).set(bearer(token)).send({ value, version: v });
      if (res.status !== 200) throw new Error(`builder fill ${k}: ${res.status} ${JSON.stringify(res.body)}`);
      v = res.body.version as number;
    }
    return v;
  };

  const newDeclaration: Builders['newDeclaration'] = async (token, opts = {}) => {
    const stage = opts.stage ?? 'submitted';
    const start = await http().post('/api/declarations').set(bearer(token)).send(await startBody(opts.start));
    if (start.status !== 201) throw new Error(`builder start: ${start.status} ${JSON.stringify(start.body)}`);
    const id = start.body.id as string;
    let version = start.body.version as number;
    if (stage === 'draft') return { id, version };
    version = await fillModules(token, id, version);
    if (stage === 'filled') return { id, version };
    const sub = await http().post(`/api/declarations/${id}/submit`).set(bearer(token)).send({ version });
    if (sub.status !== 200) throw new Error(`builder submit: ${sub.status} ${JSON.stringify(sub.body)}`);
    return { id, version: sub.body.version as number };
  };

  const declarationVersion = async (id: string) => ((await ds.query('SELECT version FROM declarations WHERE id = $1', [id])) as { version: number }[])[0].version;

  return { demo, pdf, newApplicant, upload, startBody, fillModules, newDeclaration, declarationVersion };
}
