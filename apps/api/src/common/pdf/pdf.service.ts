import { Injectable } from '@nestjs/common';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/** Noto Sans SC (OFL) shipped by an npm package; PDFKit embeds only the glyphs a document uses. */
export const CJK_FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
export const CJK_FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export type Pdf = InstanceType<typeof PDFDocument>;

/**
 * The two CJK fonts parsed once per process (PDFKit accepts a fontkit font object). Registering the
 * file path instead re-reads and re-parses 10 MB per font for every document, which was most of a
 * form render's time (issue 5 benchmark). A read-only cache of static data, not per-user state.
 */
type FontkitFont = { layout: (...args: unknown[]) => unknown };
let cjkFonts: { regular: FontkitFont; bold: FontkitFont } | null = null;
export function loadCjkFonts(): { regular: FontkitFont; bold: FontkitFont } {
  if (!cjkFonts) {
    // fontkit is PDFKit's own font engine: resolve it from PDFKit's location, so both use one copy.
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { openSync(path: string): FontkitFont };
    cjkFonts = { regular: fontkit.openSync(CJK_FONT_REGULAR), bold: fontkit.openSync(CJK_FONT_BOLD) };
  }
  return cjkFonts;
}

export interface RenderOptions {
  title: string;
  /** Diagonal watermark on every page, e.g. 预览 before the pre-audit passes. */
  watermark?: string;
  size?: 'A4' | 'A5';
  layout?: 'portrait' | 'landscape';
}

/** Renders PDFs with Chinese text: forms, catalogues and certificates. */
@Injectable()
export class PdfService {
  async render(opts: RenderOptions, draw: (doc: Pdf) => void | Promise<void>): Promise<Buffer> {
    const doc = new PDFDocument({
      size: opts.size ?? 'A4',
      layout: opts.layout ?? 'portrait',
      margin: 50,
      info: { Title: opts.title, Producer: '职称申报评审平台', Creator: '职称申报评审平台' },
      bufferPages: true,
    });
    const fonts = loadCjkFonts();
    // PDFKit's typings only list paths and buffers; at run time it takes a fontkit font (`layout`).
    doc.registerFont('cjk', fonts.regular as unknown as string);
    doc.registerFont('cjk-bold', fonts.bold as unknown as string);
    doc.font('cjk');
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    await draw(doc);
    if (opts.watermark) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        this.watermark(doc, opts.watermark);
      }
    }
    doc.end();
    return done;
  }

  private watermark(doc: Pdf, text: string): void {
    const { width, height } = doc.page;
    doc.save();
    doc.font('cjk-bold').fontSize(110).fillColor('#d0021b').opacity(0.12);
    doc.rotate(-35, { origin: [width / 2, height / 2] });
    doc.text(text, 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
    doc.restore();
    doc.opacity(1).fillColor('#000000').font('cjk');
  }

  /** A two-column table of label/value rows with borders; returns the y after the table. */
  keyValueTable(doc: Pdf, rows: [string, string][], opts: { x?: number; y?: number; labelWidth?: number; width?: number } = {}): number {
    const x = opts.x ?? doc.page.margins.left;
    let y = opts.y ?? doc.y;
    const width = opts.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const lw = opts.labelWidth ?? 120;
    doc.fontSize(10.5);
    for (const [label, value] of rows) {
      const h = Math.max(doc.heightOfString(value || ' ', { width: width - lw - 12 }), doc.heightOfString(label, { width: lw - 12 })) + 10;
      if (y + h > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        y = doc.page.margins.top;
      }
      doc.rect(x, y, lw, h).fillAndStroke('#f3f5f8', '#999999');
      doc.rect(x + lw, y, width - lw, h).stroke('#999999');
      doc.fillColor('#000000').font('cjk-bold').text(label, x + 6, y + 5, { width: lw - 12 });
      doc.font('cjk').text(value || ' ', x + lw + 6, y + 5, { width: width - lw - 12 });
      y += h;
    }
    doc.x = x;
    doc.y = y + 8;
    return doc.y;
  }
}
