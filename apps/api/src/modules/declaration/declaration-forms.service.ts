import { Injectable } from '@nestjs/common';
import { MODULE_BY_KEY, TITLE_LEVEL_LABELS, UNIT_NATURE_LABELS, type ModuleDef, type ModuleRow, type ModuleValue } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { PdfService, type Pdf } from '../../common/pdf/pdf.service.js';
import { DeclarationService } from './declaration.service.js';
import type { FormKind } from './dto/declaration.dto.js';
import { clock } from '../../common/clock/clock.service.js';

type Ctx = Awaited<ReturnType<DeclarationService['forForms']>>;

function show(v: unknown): string {
  if (v === true) return '是';
  if (v === false) return '否';
  if (v === undefined || v === null || v === '') return '';
  return String(v);
}

/** One table row's text: "字段：值；…" (an empty end date reads 至今). */
function rowText(def: ModuleDef, r: ModuleRow): string {
  return def.fields
    .map((f) => {
      const v = f.key === 'endDate' && (r[f.key] === undefined || r[f.key] === '') && def.fields.some((x) => x.placeholder === '至今' && x.key === 'endDate') ? '至今' : show(r[f.key]);
      return v ? `${f.label}：${v}` : '';
    })
    .filter(Boolean)
    .join('；');
}

/** H-09: the four forms as PDF with Chinese text, watermarked 预览 until the pre-audit passes. */
@Injectable()
export class DeclarationFormsService {
  constructor(
    private readonly pdf: PdfService,
    private readonly declarations: DeclarationService,
  ) {}

  static fileName(form: FormKind, name: string): string {
    const t = { 'review-form': '评审表', 'brief-form': '简表', catalogue: '材料目录', entrustment: '评审委托函' }[form];
    return `${name}-${t}.pdf`;
  }

  async render(user: AuthUser, id: string, form: FormKind): Promise<{ data: Buffer; name: string }> {
    const ctx = await this.declarations.forForms(user, id);
    return { data: await this.renderCtx(ctx, form), name: DeclarationFormsService.fileName(form, ctx.detail.applicant.realName) };
  }

  async renderCtx(ctx: Ctx, form: FormKind): Promise<Buffer> {
    const { detail } = ctx;
    const review = detail.kind === 'review';
    const titles: Record<FormKind, string> = {
      'review-form': review ? '专业技术资格评审表' : `专业技术资格${ctx.kindLabel}申报表`,
      'brief-form': review ? '专业技术资格评审简表' : `专业技术资格${ctx.kindLabel}简介表`,
      catalogue: '申报材料目录',
      entrustment: '专业技术资格评审委托函',
    };
    const title = titles[form];
    return this.pdf.render({ title, watermark: detail.formsWatermarked ? '预览' : undefined }, (doc) => {
      doc.font('cjk-bold').fontSize(18).text(title, { align: 'center' });
      doc.moveDown(0.3).font('cjk').fontSize(10).text(`${detail.batchName}　　申报编号：${detail.id.slice(0, 8).toUpperCase()}`, { align: 'center' });
      doc.moveDown(0.8);
      switch (form) {
        case 'review-form':
          this.head(doc, ctx);
          for (const mod of detail.modules) this.module(doc, MODULE_BY_KEY[mod.key], detail.data[mod.key]);
          break;
        case 'brief-form':
          this.head(doc, ctx);
          for (const key of ['education', 'current_title', 'work_experience', 'technical_brief', 'main_achievements']) {
            if (detail.modules.some((m) => m.key === key)) this.module(doc, MODULE_BY_KEY[key], detail.data[key]);
          }
          break;
        case 'catalogue':
          this.catalogue(doc, ctx);
          break;
        case 'entrustment':
          this.entrustment(doc, ctx);
          break;
      }
    });
  }

  private head(doc: Pdf, ctx: Ctx): void {
    const d = ctx.detail;
    this.pdf.keyValueTable(doc, [
      ['姓名', d.applicant.realName],
      ['身份证号', d.applicant.idCard],
      ['工作单位', d.unitName ?? '（自由职业者）'],
      ['单位性质', UNIT_NATURE_LABELS[d.unitNature]],
      ['主管部门', d.supervisingDeptName ?? ''],
      ['申报职称', `${d.titleName}（${TITLE_LEVEL_LABELS[d.titleLevel]}）`],
      ['现从事专业', d.professionName],
      ['申报方式', d.method + (d.exceptionalCondition ? `（${d.exceptionalCondition}）` : '')],
      ['是否公务员', d.civilServant ? '是' : '否'],
      [d.kind === 'review' ? '评委会' : '受理机构', d.committeeName],
    ]);
  }

  private module(doc: Pdf, def: ModuleDef | undefined, value: ModuleValue | undefined): void {
    if (!def || def.kind === 'upload') return;
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.font('cjk-bold').fontSize(12).text(def.name);
    doc.moveDown(0.3).font('cjk');
    if (def.kind === 'table') {
      const rows = Array.isArray(value) ? value : [];
      if (!rows.length) {
        this.pdf.keyValueTable(doc, [['（无）', '']], { labelWidth: 60 });
        return;
      }
      this.pdf.keyValueTable(doc, rows.map((r, i) => [`${i + 1}`, rowText(def, r)] as [string, string]), { labelWidth: 40 });
    } else {
      const rec = (value && !Array.isArray(value) ? value : {}) as ModuleRow;
      this.pdf.keyValueTable(doc, def.fields.map((f) => [f.label, show(rec[f.key])] as [string, string]));
    }
  }

  private catalogue(doc: Pdf, ctx: Ctx): void {
    const d = ctx.detail;
    doc.fontSize(10.5).text(`申报人：${d.applicant.realName}　　申报职称：${d.titleName}　　专业：${d.professionName}`);
    doc.moveDown(0.5);
    const rows: [string, string][] = [];
    let n = 0;
    for (const mod of d.modules) {
      const def = MODULE_BY_KEY[mod.key];
      const v = d.data[mod.key];
      const recs = Array.isArray(v) ? v : v ? [v] : [];
      const files: string[] = [];
      for (const r of recs) {
        for (const a of def.attachments) {
          const ids = r._files?.[a.key];
          for (const fid of Array.isArray(ids) ? ids : ids ? [ids] : []) {
            const f = d.files[fid];
            if (f) files.push(`${a.label}：${f.name}（${ctx.pages.get(fid) ?? 0}页）`);
          }
        }
      }
      n += 1;
      rows.push([`${n}. ${def.name}`, files.length ? files.join('\n') : mod.status === 'empty' ? '未填写' : '无附件']);
    }
    this.pdf.keyValueTable(doc, rows, { labelWidth: 170 });
  }

  private entrustment(doc: Pdf, ctx: Ctx): void {
    const d = ctx.detail;
    doc.fontSize(12).text(`${d.committeeName}：`);
    doc.moveDown(0.6);
    doc.text(
      `　　兹有${d.unitName ?? '自由职业者'}${d.applicant.realName}同志（身份证号：${d.applicant.idCard}），现从事${d.professionName}专业技术工作，` +
        `申报${d.titleName}（${TITLE_LEVEL_LABELS[d.titleLevel]}）专业技术资格，申报方式为${d.method}。经审核，其申报材料真实有效，现委托贵评委会对其进行评审。`,
      { lineGap: 6 },
    );
    doc.moveDown(2);
    doc.text(`委托单位（盖章）：${d.supervisingDeptName ?? d.unitName ?? ''}`, { align: 'right' });
    doc.moveDown(0.5).text(`日期：${clock.today()}`, { align: 'right' });
  }
}
