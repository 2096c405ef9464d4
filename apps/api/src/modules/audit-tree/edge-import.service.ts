import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { DECLARATION_KIND_LABELS, DeclarationKind, TITLE_LEVEL_LABELS, type TitleLevel } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditTreeService } from './audit-tree.service.js';

/** Columns of the A-04 import template (first row is the header). */
export const IMPORT_COLUMNS = ['下级机构（名称或统一社会信用代码）', '上级机构（名称或统一社会信用代码）', '申报类型', '职称系列代码', '职称等级'];
const MAX_ROWS = 5000;

export interface ImportRow {
  row: number;
  lower: string;
  upper: string;
  kind: string;
  seriesCode: string;
  titleLevel: string;
  ok: boolean;
  errors: string[];
}

const KIND_BY_LABEL: Record<string, DeclarationKind> = {
  ...Object.fromEntries(Object.entries(DECLARATION_KIND_LABELS).map(([k, v]) => [v, k as DeclarationKind])),
  // 初评会 / 中评会 / 高评会 审核路径配置 are review paths into committees of that class.
  初评会: DeclarationKind.Review,
  中评会: DeclarationKind.Review,
  高评会: DeclarationKind.Review,
};
const LEVEL_BY_LABEL: Record<string, TitleLevel> = Object.fromEntries(Object.entries(TITLE_LEVEL_LABELS).map(([k, v]) => [v, k as TitleLevel]));

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return String(v.result ?? '').trim();
  }
  return String(v).trim();
}

/**
 * A-04 Excel import of audit edges (minimal, module-local: the generic import of the reference-data
 * work is not on this branch). Streams the workbook, validates row by row (organisations exist and
 * are unambiguous, lower in the caller's scope, kind / level known, no second approved upper,
 * no duplicate scope in the file); `commit` creates the valid rows in one transaction.
 */
@Injectable()
export class EdgeImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly tree: AuditTreeService,
  ) {}

  async import(user: AuthUser, fileBase64: string, commit: boolean) {
    const buffer = Buffer.from(fileBase64, 'base64');
    if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw AppException.validation({ file: '请上传 .xlsx 格式的Excel文件' });
    const raw: Omit<ImportRow, 'ok' | 'errors'>[] = [];
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
      for await (const ws of reader) {
        for await (const row of ws) {
          if (row.number === 1) continue;
          const v = (i: number) => cellText(row.getCell(i).value);
          if (![1, 2, 3, 4, 5].some((i) => v(i))) continue;
          if (raw.length >= MAX_ROWS) throw AppException.validation({ file: `一次最多导入${MAX_ROWS}行` });
          raw.push({ row: row.number, lower: v(1), upper: v(2), kind: v(3), seriesCode: v(4), titleLevel: v(5) });
        }
        break; // first worksheet only
      }
    } catch (e) {
      if (e instanceof AppException) throw e;
      throw AppException.validation({ file: 'Excel文件无法读取，请使用下载的模板' });
    }
    if (!raw.length) throw AppException.validation({ file: 'Excel文件中没有数据行' });

    const rows: ImportRow[] = [];
    const seen = new Set<string>();
    const valid: { row: ImportRow; dto: { lowerOrgId: string; upperOrgId: string; kind: DeclarationKind; seriesCode: string; titleLevel: TitleLevel } }[] = [];
    for (const r of raw) {
      const errors: string[] = [];
      let dto: (typeof valid)[number]['dto'] | null = null;
      const lower = r.lower ? await this.findOrg(r.lower) : { error: '下级机构必填' };
      const upper = r.upper ? await this.findOrg(r.upper) : { error: '上级机构必填' };
      if ('error' in lower) errors.push(`下级机构：${lower.error}`);
      if ('error' in upper) errors.push(`上级机构：${upper.error}`);
      const kind = KIND_BY_LABEL[r.kind];
      if (!kind) errors.push('申报类型应为 评审、初定、认定、初评会、中评会 或 高评会');
      if (!r.seriesCode) errors.push('职称系列代码必填');
      else if (!(await this.ds.query('SELECT 1 FROM title_series WHERE code = $1', [r.seriesCode])).length) errors.push(`职称系列代码“${r.seriesCode}”不存在`);
      const level = LEVEL_BY_LABEL[r.titleLevel] ?? (Object.keys(TITLE_LEVEL_LABELS).includes(r.titleLevel) ? (r.titleLevel as TitleLevel) : undefined);
      if (!level) errors.push('职称等级应为 员级、助理级、中级、副高级 或 正高级');
      if ('id' in lower && !this.access.canSee(user, { id: lower.id, regionCode: lower.regionCode })) errors.push('下级机构不在您的管理范围内');
      if ('id' in lower && 'id' in upper && lower.id === upper.id) errors.push('上级机构不能是下级机构本身');
      if (!errors.length && 'id' in lower && 'id' in upper && kind && level) {
        const key = `${lower.id}|${kind}|${r.seriesCode}|${level}`;
        if (seen.has(key)) errors.push('与前面的行重复：同一下级机构在同一类型、系列、等级下只能有一个上级');
        seen.add(key);
        const existing: { name: string }[] = await this.ds.query(
          `SELECT uo.name FROM audit_edges e JOIN organisations uo ON uo.id = e.upper_org_id
            WHERE e.lower_org_id = $1 AND e.kind = $2 AND e.series_code = $3 AND e.title_level = $4 AND e.status = 'approved'`,
          [lower.id, kind, r.seriesCode, level],
        );
        if (existing[0]) errors.push(`已有生效的上级“${existing[0].name}”`);
        if (!errors.length) dto = { lowerOrgId: lower.id, upperOrgId: upper.id, kind, seriesCode: r.seriesCode, titleLevel: level };
      }
      const out: ImportRow = { ...r, ok: !errors.length, errors };
      if (out.ok && dto) valid.push({ row: out, dto });
      rows.push(out);
    }
    let created = 0;
    if (commit && valid.length) {
      await this.ds.transaction(async (m) => {
        for (const v of valid) {
          await this.tree.insertEdge(user, v.dto, 'import', m);
          created++;
        }
      });
    }
    return { columns: IMPORT_COLUMNS, rows, okCount: valid.length, failCount: rows.length - valid.length, committed: commit, created };
  }

  private async findOrg(text: string): Promise<{ id: string; regionCode: string } | { error: string }> {
    const rows: { id: string; region_code: string }[] = await this.ds.query(
      `SELECT id, region_code FROM organisations WHERE (name = $1 OR credit_code = upper($1)) AND status = 'active' LIMIT 2`,
      [text],
    );
    if (!rows.length) return { error: `找不到机构“${text}”` };
    if (rows.length > 1) return { error: `“${text}”对应多个机构，请填写统一社会信用代码` };
    return { id: rows[0].id, regionCode: rows[0].region_code };
  }

  /** The template to download: header row and one example. */
  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审核路径');
    ws.addRow(IMPORT_COLUMNS);
    ws.addRow(['南京示范科技有限公司', '玄武区工业和信息化局', '评审', 'GC', '副高级']);
    ws.columns.forEach((c) => (c.width = 28));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
