import { PDFDocument } from 'pdf-lib';

export type PdfCheck = { ok: true; pageCount: number } | { ok: false; reason: string };

/**
 * A file is a PDF when its bytes say so — the `%PDF-` signature at the start and a document that parses
 * with at least one page — whatever its name or declared type.
 */
export async function inspectPdf(data: Buffer): Promise<PdfCheck> {
  if (data.length < 8 || data.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return { ok: false, reason: '文件内容不是PDF格式，请上传PDF文件' };
  }
  try {
    const doc = await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: false });
    const pageCount = doc.getPageCount();
    if (pageCount < 1) return { ok: false, reason: 'PDF文件没有页面内容' };
    return { ok: true, pageCount };
  } catch (e) {
    if (e instanceof Error && /encrypt/i.test(e.message)) return { ok: false, reason: 'PDF文件已加密，请上传未加密的文件' };
    return { ok: false, reason: 'PDF文件已损坏或无法解析，请重新生成后上传' };
  }
}
