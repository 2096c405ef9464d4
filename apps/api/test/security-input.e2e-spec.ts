import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { createTestContext, type TestContext } from './context.js';

const CJK = /[\u4e00-\u9fff]/;

/**
 * Streams a multipart body of `totalBytes` (the file part filling it) and reports how many bytes the server had
 * taken when its answer arrived. `declareLength` false sends it chunked, so only counting while streaming helps.
 */
function streamUpload(
  port: number,
  token: string,
  opts: { totalBytes: number; sizeClass: string; declareLength: boolean },
): Promise<{ status: number; body: string; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    const boundary = 'zcBoundary0123';
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="purpose"\r\n\r\ndeclaration\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="sizeClass"\r\n\r\n${opts.sizeClass}\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const fileBytes = opts.totalBytes - head.length - tail.length;
    // A raw socket: the server may close it mid-upload (that is the point), and the answer must still be read.
    const socket = net.connect(port, '127.0.0.1');
    const headers =
      `POST /api/files HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\n` +
      `content-type: multipart/form-data; boundary=${boundary}\r\n` +
      (opts.declareLength ? `content-length: ${opts.totalBytes}\r\n` : 'transfer-encoding: chunked\r\n') +
      '\r\n';
    const frame = (b: Buffer) => (opts.declareLength ? b : Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]));
    let sent = 0;
    let sentWhenAnswered = -1;
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      received.push(d);
    });
    socket.on('error', () => undefined); // EPIPE / ECONNRESET once the server has answered and closed
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const status = Number(text.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
      let body = text.slice(text.indexOf('\r\n\r\n') + 4);
      if (/transfer-encoding: chunked/i.test(text.slice(0, text.indexOf('\r\n\r\n')))) body = body.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '');
      if (!status) reject(new Error(`no answer after ${sent} bytes; received ${text.length}: ${text.slice(0, 200)}`));
      else resolve({ status, body, sentWhenAnswered });
    });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    socket.write(headers);
    socket.write(frame(head));
    sent = head.length;
    const pump = () => {
      while (sent < head.length + fileBytes && sentWhenAnswered < 0 && !socket.destroyed) {
        const n = Math.min(chunk.length, head.length + fileBytes - sent);
        sent += n;
        if (!socket.write(frame(n === chunk.length ? chunk : chunk.subarray(0, n)))) {
          socket.once('drain', pump);
          return;
        }
      }
      if (sentWhenAnswered < 0 && !socket.destroyed) socket.write(Buffer.concat([frame(tail), opts.declareLength ? Buffer.alloc(0) : Buffer.from('0\r\n\r\n')]));
    };
    pump();
  });
}

describe('bad input never answers 500 (attacker tests)', () => {
  let t: TestContext;
  let admin: string;
  let sys: string;
  let auditor: string;
  let applicant: string;
  let port: number;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    sys = await t.login('sys_admin');
    auditor = await t.login('audit_admin');
    applicant = await t.login('applicant');
    const server = t.app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
  });

  it('a NUL byte in a text filter, an export filter or a body field answers 400 naming the field', async () => {
    const list = await t.http().get('/api/organisations?keyword=a%00b').set('authorization', `Bearer ${admin}`);
    expect(list.status).toBe(400);
    expect(list.body.fields).toEqual({ keyword: expect.stringMatching(CJK) });
    const exp = await t.http().get('/api/audit-logs/export?action=x%00').set('authorization', `Bearer ${auditor}`);
    expect(exp.status).toBe(400);
    expect(exp.body.fields).toHaveProperty('action');
    const body = await t.http().patch('/api/me').set('authorization', `Bearer ${applicant}`).send({ email: 'a\u0000@b.cn' });
    expect(body.status).toBe(400);
    expect(body.body.fields).toEqual({ email: expect.stringMatching(CJK) });
    const nested = await t.http().patch('/api/me').set('authorization', `Bearer ${applicant}`).send({ contactPerson: '张\u001b[2J三' });
    expect(nested.status).toBe(400);
    expect(nested.body.fields).toHaveProperty('contactPerson');
  });

  it('JSON nested 5,000 levels answers 400 before parsing; a body over 1 MB answers 413', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const res = await t.http().post('/api/users').set('authorization', `Bearer ${sys}`).set('content-type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/嵌套层级/);
    const arrays = await t.http().post('/api/users').set('authorization', `Bearer ${sys}`).set('content-type', 'application/json').send('['.repeat(40) + ']'.repeat(40));
    expect(arrays.status).toBe(400);
    const big = await t.http().post('/api/users').set('authorization', `Bearer ${sys}`).send({ realName: 'x'.repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(CJK);
  });

  it('malformed multipart on the upload and import routes answers 400', async () => {
    for (const url of ['/api/files', '/api/imports/organisations', '/api/certificates/issue-import']) {
      const noBoundary = await t.http().post(url).set('authorization', `Bearer ${admin}`).set('content-type', 'multipart/form-data').send('--x\r\n\r\nabc');
      expect([400, 404]).toContain(noBoundary.status);
      expect(noBoundary.body.message).toMatch(CJK);
      const truncated = await t
        .http()
        .post(url)
        .set('authorization', `Bearer ${admin}`)
        .set('content-type', 'multipart/form-data; boundary=XYZ')
        .send('--XYZ\r\ncontent-disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK\u0003\u0004trunc');
      expect([400, 404]).toContain(truncated.status);
      expect(truncated.body.message).toMatch(CJK);
    }
  });

  it('the 414 and the parser refusals answer in Chinese', async () => {
    const res = await t.http().get(`/api/files/${'x'.repeat(300)}`).set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(414);
    expect(res.body.message).toBe('请求地址过长');
    const huge = await t.http().get(`/api/organisations?keyword=${'x'.repeat(20_000)}`).set('authorization', `Bearer ${admin}`);
    expect(huge.status).toBe(431);
    expect(huge.body.message).toMatch(CJK);
  });

  it('a declared 60 MB upload is refused (413) before its body is read', async () => {
    const r = await streamUpload(port, applicant, { totalBytes: 60 * 1024 * 1024, sizeClass: 'large', declareLength: true });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).message).toMatch(/10MB/);
    // The answer came while the client was still sending: far less than the 60 MB went out.
    expect(r.sentWhenAnswered).toBeLessThan(8 * 1024 * 1024);
  });

  it('an undeclared (chunked) 60 MB upload is cut off at the large slot limit', async () => {
    const r = await streamUpload(port, applicant, { totalBytes: 60 * 1024 * 1024, sizeClass: 'large', declareLength: false });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).fields.file).toMatch(/10MB/);
    expect(r.sentWhenAnswered).toBeLessThan(10 * 1024 * 1024 + 8 * 1024 * 1024);
  });

  it('an ordinary slot is cut off at its own limit (500 KB), not the large one', async () => {
    const r = await streamUpload(port, applicant, { totalBytes: 5 * 1024 * 1024, sizeClass: 'ordinary', declareLength: false });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).fields.file).toMatch(/500KB/);
  });

  it('refuses PDFs with JavaScript or a launch action, even inside compressed object streams', async () => {
    const make = async (action: Record<string, unknown>) => {
      const doc = await PDFDocument.create();
      doc.addPage([200, 200]);
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj(action as never));
      return Buffer.from(await doc.save({ useObjectStreams: true }));
    };
    const js = await make({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
    expect(js.includes(Buffer.from('/JavaScript'))).toBe(false); // hidden in an object stream
    const up = (data: Buffer) =>
      t.http().post('/api/files').set('authorization', `Bearer ${applicant}`).field('purpose', 'declaration').field('sizeClass', 'ordinary').attach('file', data, { filename: 'a.pdf', contentType: 'application/pdf' });
    const r1 = await up(js);
    expect(r1.status).toBe(400);
    expect(r1.body.fields.file).toMatch(/JavaScript/);
    const r2 = await up(await make({ S: 'Launch', F: PDFString.of('cmd.exe') }));
    expect(r2.status).toBe(400);
    expect(r2.body.fields.file).toMatch(/启动外部程序/);
  });
});
