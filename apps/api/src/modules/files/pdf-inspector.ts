import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';

export type PdfCheck = { ok: true; pageCount: number } | { ok: false; reason: string };

/** Action types that run code or other programs when the document is opened or clicked. */
const ACTIVE_ACTIONS = new Set(['/JavaScript', '/Launch', '/ImportData', '/RichMediaExecute', '/Rendition']);
/** Keys that only exist to carry script or active content. */
const ACTIVE_KEYS = new Set(['/JS', '/JavaScript', '/RichMedia', '/XFA']);

/** The first piece of active content in a PDF object, walking direct dictionaries and arrays (depth-bounded). */
function activeContent(obj: PDFObject | undefined, depth = 0): string | null {
  if (!obj || depth > 12) return null;
  const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : null;
  if (dict) {
    const s = dict.get(PDFName.of('S'));
    if (s instanceof PDFName && ACTIVE_ACTIONS.has(s.asString())) return s.asString().slice(1);
    for (const [key, value] of dict.entries()) {
      if (ACTIVE_KEYS.has(key.asString())) return key.asString().slice(1);
      const hit = activeContent(value, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (obj instanceof PDFArray) {
    for (let i = 0; i < obj.size(); i++) {
      const hit = activeContent(obj.get(i), depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * A file is a PDF when its bytes say so — the `%PDF-` signature at the start and a document that parses
 * with at least one page — whatever its name or declared type. A PDF carrying JavaScript, a launch action or
 * other active content is refused: every object is inspected after parsing, so compressed object streams
 * cannot hide it.
 */
export async function inspectPdf(data: Buffer): Promise<PdfCheck> {
  if (data.length < 8 || data.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return { ok: false, reason: '文件内容不是PDF格式，请上传PDF文件' };
  }
  try {
    const doc = await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: false });
    const pageCount = doc.getPageCount();
    if (pageCount < 1) return { ok: false, reason: 'PDF文件没有页面内容' };
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      const hit = activeContent(obj);
      if (hit) {
        const what = hit === 'Launch' ? '启动外部程序的动作' : hit === 'JS' || hit === 'JavaScript' ? 'JavaScript脚本' : `可执行的活动内容（${hit}）`;
        return { ok: false, reason: `PDF文件包含${what}，存在安全风险，请另存为普通PDF后重新上传` };
      }
    }
    return { ok: true, pageCount };
  } catch (e) {
    if (e instanceof Error && /encrypt/i.test(e.message)) return { ok: false, reason: 'PDF文件已加密，请上传未加密的文件' };
    return { ok: false, reason: 'PDF文件已损坏或无法解析，请重新生成后上传' };
  }
}
