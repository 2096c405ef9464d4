import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createTestContext, type TestContext } from './context.js';
import { binary } from './support/binary.js';

async function makePdf(pages = 1, padBytes = 0): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([300, 300]).drawText(`page ${i + 1}`, { x: 20, y: 150, font, size: 12 });
  // Random bytes do not compress, so the file really grows by padBytes.
  if (padBytes) await doc.attach(randomBytes(padBytes), 'padding.bin', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}

describe('attachments (H-06)', () => {
  let t: TestContext;
  let applicant: string;
  beforeAll(async () => {
    t = await createTestContext();
    applicant = await t.login('applicant');
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (token: string, data: Buffer, name: string, sizeClass = 'ordinary') =>
    t.http().post('/api/files').set('authorization', `Bearer ${token}`).field('purpose', 'declaration').field('sizeClass', sizeClass).attach('file', data, { filename: name, contentType: 'application/pdf' });

  it('accepts a real PDF, records its hash and page count, and serves it to its owner', async () => {
    const pdf = await makePdf(2);
    const res = await upload(applicant, pdf, '学历证书.pdf');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('学历证书.pdf');
    expect(res.body.pageCount).toBe(2);
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const content = await t.http().get(`/api/files/${res.body.id}/content`).set('authorization', `Bearer ${applicant}`).buffer(true).parse(binary);
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(content.body as Buffer, pdf)).toBe(0);
  });

  it('refuses a non-PDF renamed .pdf, judged by content', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
    const res = await upload(applicant, png, '身份证.pdf');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('文件内容不是PDF格式，请上传PDF文件');
    const fake = Buffer.from('%PDF-1.7\nthis is not really a pdf at all\n%%EOF');
    const res2 = await upload(applicant, fake, 'fake.pdf');
    expect(res2.status).toBe(400);
    expect(res2.body.message).toMatch(/损坏或无法解析/);
  });

  it('refuses an ordinary attachment over 500 KB but accepts it as a large one (achievements, awards, papers)', async () => {
    const big = await makePdf(1, 600 * 1024);
    expect(big.length).toBeGreaterThan(500 * 1024);
    const res = await upload(applicant, big, '业绩.pdf');
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/超过500KB上限/);
    const ok = await upload(applicant, big, '业绩.pdf', 'large');
    expect(ok.status).toBe(201);
  });

  it('hides a file from another user and lets only the owner delete it', async () => {
    const res = await upload(applicant, await makePdf(), '证明.pdf');
    const other = await t.login('unit_demo');
    const peek = await t.http().get(`/api/files/${res.body.id}`).set('authorization', `Bearer ${other}`);
    expect(peek.status).toBe(404);
    const del = await t.http().delete(`/api/files/${res.body.id}`).set('authorization', `Bearer ${other}`);
    expect(del.status).toBe(404);
    await t.http().delete(`/api/files/${res.body.id}`).set('authorization', `Bearer ${applicant}`).expect(200);
    await t.http().get(`/api/files/${res.body.id}`).set('authorization', `Bearer ${applicant}`).expect(404);
  });

  it('answers a request without a file with a clear 400', async () => {
    const res = await t.http().post('/api/files').set('authorization', `Bearer ${applicant}`).send({ purpose: 'declaration' });
    expect(res.status).toBe(400);
    expect(res.body.fields.file).toBeDefined();
  });
});
