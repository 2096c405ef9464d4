import { randomBytes } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import { PHOTO_RULE } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { binary } from './support/binary.js';
import type { NewApplicant } from './support/builders.js';

/** A real PNG of the given pixel size (a grey portrait silhouette). */
function png(width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#3b6fb6"/><circle cx="50%" cy="40%" r="${Math.round(width / 4)}" fill="#eee"/></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

/** The head of a baseline JPEG (SOI, JFIF APP0, SOF0 with the pixel size, EOI): what a JPEG is recognised by. */
function jpegHead(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

describe('the declaration photo (H-04 basic information: 大一寸 photo)', () => {
  let t: TestContext;
  let a: NewApplicant;
  const auth = () => ({ authorization: `Bearer ${a.token}` });
  beforeAll(async () => {
    t = await createTestContext();
    a = await t.newApplicant();
  });
  afterAll(async () => {
    await t.close();
  });
  const photo = (data: Buffer, filename = '照片.png', contentType = 'image/png') =>
    t.http().post('/api/files').set(auth()).field('purpose', 'declaration').field('sizeClass', 'photo').attach('file', data, { filename, contentType });

  it('accepts a 大一寸 PNG or JPEG recognised by content, and serves it with its image type for the thumbnail', async () => {
    const data = png(PHOTO_RULE.recommended.width, PHOTO_RULE.recommended.height);
    const res = await photo(data, 'IMG_0001.PNG');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'image/png', name: 'IMG_0001.png', sizeBytes: data.length });
    const content = await t.http().get(`/api/files/${res.body.id}/content`).set(auth()).buffer(true).parse(binary);
    expect(content.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(content.body as Buffer, data)).toBe(0);
    // A JPEG, even named .png by a phone: judged by its bytes.
    const jpg = await photo(jpegHead(390, 567), 'photo.png', 'image/png');
    expect(jpg.status).toBe(201);
    expect(jpg.body).toMatchObject({ mimeType: 'image/jpeg', name: 'photo.jpg' });
  });

  it('refuses what is not a JPEG/PNG by content, a photo over the limit, and one not of the 大一寸 size', async () => {
    const pdf = await photo(await t.pdf('not a photo'), 'photo.png');
    expect(pdf.status).toBe(400);
    expect(pdf.body.fields.file).toBe('照片只能是JPG或PNG图片');
    const gif = await photo(Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0x86, 0x01, 0x37, 0x02, 0, 0, 0]), Buffer.alloc(64)]), 'photo.gif', 'image/gif');
    expect(gif.status).toBe(400);
    expect(gif.body.fields.file).toBe('照片只能是JPG或PNG图片');
    const small = await photo(png(100, 100));
    expect(small.status).toBe(400);
    expect(small.body.fields.file).toBe('照片应为大一寸（建议390×567像素），当前为100×100像素');
    const landscape = await photo(png(567, 390));
    expect(landscape.status).toBe(400);
    expect(landscape.body.fields.file).toMatch(/^照片应为大一寸/);
    const big = await photo(Buffer.concat([png(390, 567), randomBytes(PHOTO_RULE.maxBytes)]));
    expect(big.status).toBe(413);
    expect(big.body.fields.file).toBe('文件不能超过500KB');
  });

  it('the basic-information module takes the photo in its photo slot only, and a PDF nowhere but in PDF slots', async () => {
    const d = await t.newDeclaration(a.token, { stage: 'draft' });
    const photoId = (await photo(png(390, 567))).body.id as string;
    const pdfId = await t.upload(a.token);
    const base = { gender: '女', nation: '汉族', politicalStatus: '群众', workStartDate: '2012-07-01' };
    const put = (files: Record<string, string>, version: number) =>
      t.http().put(`/api/declarations/${d.id}/modules/basic_info`).set(auth()).send({ value: { ...base, _files: files }, version });
    const pdfAsPhoto = await put({ photo: pdfId }, d.version);
    expect(pdfAsPhoto.status).toBe(400);
    expect(pdfAsPhoto.body.fields['modules.basic_info._files.photo']).toBe('近期免冠大一寸照片应为JPG或PNG图片，请重新上传');
    const photoAsIdCard = await put({ idCardFront: photoId }, d.version);
    expect(photoAsIdCard.status).toBe(400);
    expect(photoAsIdCard.body.fields['modules.basic_info._files.idCardFront']).toBe('该附件只能上传PDF文件');
    const ok = await put({ photo: photoId, idCardFront: pdfId }, d.version);
    expect(ok.status).toBe(200);
    const detail = await t.http().get(`/api/declarations/${d.id}`).set(auth());
    expect(detail.body.data.basic_info._files.photo).toBe(photoId);
  });
});
