import { pdfText } from '../../../test/support/pdf-text.js';
import { PdfService } from './pdf.service.js';

describe('PDF rendering with Chinese text (H-09, certificates)', () => {
  const pdf = new PdfService();
  it('embeds a CJK font so the text can be extracted again, and watermarks every page', async () => {
    const start = Date.now();
    const buf = await pdf.render({ title: '专业技术资格评审表', watermark: '预览' }, (doc) => {
      doc.fontSize(18).text('专业技术资格评审表', { align: 'center' });
      pdf.keyValueTable(doc, [
        ['姓名', '张三'],
        ['申报专业', '电子信息工程'],
      ]);
      doc.addPage().text('第二页：工作总结');
    });
    const elapsed = Date.now() - start;
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(buf)).replace(/\s+/g, '');
    expect(text).toContain('专业技术资格评审表');
    expect(text).toContain('电子信息工程');
    expect(text).toContain('第二页：工作总结');
    expect(text.match(/预览/g)?.length).toBe(2);
    expect(buf.length).toBeLessThan(400 * 1024); // subset font, not the 10 MB file
    expect(elapsed).toBeLessThan(5000);
  });
});
