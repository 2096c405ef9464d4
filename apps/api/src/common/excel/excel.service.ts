import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, type ImportPreview } from '@zhicheng/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { AppException } from '../errors/app.exception.js';
import { receiveUpload } from '../security/upload.js';
import { AuditRecorder } from '../audit/audit-recorder.js';
import { ImportJob, ImportRow } from './import-job.entity.js';

export interface SheetColumn {
  key: string;
  header: string;
  width?: number;
}

export interface RawRow {
  rowNo: number;
  values: Record<string, string>;
}

export type RowResult = { rowNo: number; ok: true; data: Record<string, unknown> } | { rowNo: number; ok: false; error: string };

/**
 * One kind of Excel import. Rows are validated in chunks (so a chunk's database checks are one query)
 * and good rows are committed in chunks inside one transaction each.
 */
export interface RowImporter<Ctx = unknown> {
  kind: string;
  title: string;
  columns: SheetColumn[];
  example: Record<string, string>;
  /** Per-run state shared by all chunks: e.g. the known region codes, values already seen in the file. */
  prepare(user: AuthUser): Promise<Ctx>;
  validateChunk(rows: RawRow[], ctx: Ctx, user: AuthUser): Promise<RowResult[]>;
  commitChunk(rows: Record<string, unknown>[], user: AuthUser, m: EntityManager): Promise<void>;
}

const CHUNK = 1000;
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Text of a cell whatever exceljs gives (rich text, formula result, hyperlink, date, number). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  // clock-ok: exceljs gives a typed-in calendar date as that date at 00:00 UTC; its UTC date is the date typed.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('').trim();
    if (o.text !== undefined) return cellText(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return '';
  }
  return String(v).trim();
}

/**
 * streaming Excel import (upload → row-by-row validation preview stored in `import_rows` → commit of
 * the good rows) and streaming export. Neither loads a whole workbook into memory.
 */
@Injectable()
export class ExcelService {
  private readonly importers = new Map<string, RowImporter<any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any -- each importer has its own context type

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  register<C>(importer: RowImporter<C>): void {
    this.importers.set(importer.kind, importer);
  }

  importer(kind: string): RowImporter<unknown> {
    const imp = this.importers.get(kind);
    if (!imp) throw AppException.notFound('导入类型');
    return imp;
  }

  kinds() {
    return [...this.importers.values()].map((i) => ({ kind: i.kind, title: i.title, columns: i.columns.map((c) => c.header) }));
  }

  /** The import template: the header row and one example row. */
  async sendTemplate(reply: FastifyReply, kind: string) {
    const imp = this.importer(kind);
    async function* rows() {
      yield imp.example;
    }
    return this.streamXlsx(reply, `${imp.title}导入模板.xlsx`, imp.columns, rows());
  }

  /** Saves the single uploaded file of a multipart request to a temporary file; checks it is a zip (xlsx) by content. */
  async receiveUpload(req: FastifyRequest): Promise<{ file: string; cleanup: () => Promise<void> }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zc-import-'));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    const file = path.join(dir, 'upload.xlsx');
    try {
      await receiveUpload(req, undefined, {
        hardMaxBytes: MAX_UPLOAD_BYTES,
        sink: createWriteStream(file),
        tooLarge: (limit) => new AppException(413, ErrorCode.PayloadTooLarge, `文件不能超过 ${limit / 1024 / 1024} MB`, { file: `文件不能超过 ${limit / 1024 / 1024} MB` }),
      });
      const fh = await open(file, 'r');
      const head = Buffer.alloc(4);
      await fh.read(head, 0, 4, 0);
      await fh.close();
      if (!head.equals(ZIP_MAGIC)) throw new AppException(400, ErrorCode.InvalidFile, '文件不是有效的 Excel（.xlsx）文件', { file: '请上传 .xlsx 格式的文件' });
      return { file, cleanup };
    } catch (e) {
      await cleanup();
      throw e;
    }
  }

  /** Streams the first worksheet's rows; row 1 is the header, matched to the importer's columns by their Chinese titles. */
  async *readRows(file: string, columns: SheetColumn[]): AsyncGenerator<RawRow> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      entries: 'emit',
      sharedStrings: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      styles: 'ignore',
    });
    let keys: (string | null)[] | null = null;
    for await (const ws of reader) {
      for await (const row of ws) {
        const values = row.values as unknown[];
        if (!keys) {
          const byHeader = new Map(columns.map((c) => [c.header, c.key]));
          keys = values.map((v) => byHeader.get(cellText(v).replace(/\*$/, '')) ?? null);
          const missing = columns.filter((c) => !keys!.includes(c.key));
          if (missing.length === columns.length) throw AppException.validation({ file: '表头与导入模板不符，请下载模板后填写' });
          continue;
        }
        const out: Record<string, string> = {};
        let any = false;
        keys.forEach((k, i) => {
          if (!k) return;
          const t = cellText(values[i]);
          out[k] = t;
          if (t) any = true;
        });
        if (any) yield { rowNo: row.number, values: out };
      }
      break; // first worksheet only
    }
    if (!keys) throw AppException.validation({ file: '文件中没有数据' });
  }

  /** Validates every row and stores the results; answers "N succeeded, M failed" with the first failures. */
  async preview(kind: string, file: string, user: AuthUser): Promise<ImportPreview> {
    const imp = this.importer(kind);
    const ctx = await imp.prepare(user);
    const job = await this.ds.getRepository(ImportJob).save({ kind, userId: user.id });
    let total = 0;
    let ok = 0;
    const failures: { rowNo: number; error: string }[] = [];
    let chunk: RawRow[] = [];
    const flush = async () => {
      if (!chunk.length) return;
      const results = await imp.validateChunk(chunk, ctx, user);
      chunk = [];
      await this.ds
        .createQueryBuilder()
        .insert()
        .into(ImportRow)
        .values(
          results.map((r) => ({
            jobId: job.id,
            rowNo: r.rowNo,
            ok: r.ok,
            data: r.ok ? r.data : {},
            error: r.ok ? null : r.error,
          })) as object[], // jsonb column: TypeORM's deep-partial typing does not fit free-form records
        )
        .execute();
      for (const r of results) {
        total++;
        if (r.ok) ok++;
        else if (failures.length < 200) failures.push({ rowNo: r.rowNo, error: r.error });
      }
    };
    for await (const row of this.readRows(file, imp.columns)) {
      chunk.push(row);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    if (total === 0) throw AppException.validation({ file: '文件中没有数据行' });
    await this.ds.getRepository(ImportJob).update(job.id, { total, succeeded: ok, failed: total - ok });
    return { jobId: job.id, kind, total, succeeded: ok, failed: total - ok, failures, status: 'previewed' };
  }

  private async ownJob(id: string, user: AuthUser): Promise<ImportJob> {
    const job = await this.ds.getRepository(ImportJob).findOne({ where: { id } });
    if (!job || job.userId !== user.id) throw AppException.notFound('导入记录');
    return job;
  }

  async job(id: string, user: AuthUser): Promise<ImportPreview> {
    const job = await this.ownJob(id, user);
    const failures = await this.ds.getRepository(ImportRow).find({ where: { jobId: id, ok: false }, order: { rowNo: 'ASC' }, take: 200 });
    return {
      jobId: job.id,
      kind: job.kind,
      total: job.total,
      succeeded: job.succeeded,
      failed: job.failed,
      failures: failures.map((f) => ({ rowNo: f.rowNo, error: f.error ?? '' })),
      status: job.status === 'committed' ? 'committed' : 'previewed',
    };
  }

  async rows(id: string, user: AuthUser, q: { page: number; pageSize: number; ok?: boolean }) {
    await this.ownJob(id, user);
    const where = q.ok === undefined ? { jobId: id } : { jobId: id, ok: q.ok };
    const [items, total] = await this.ds.getRepository(ImportRow).findAndCount({
      where,
      order: { rowNo: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: items.map((r) => ({ rowNo: r.rowNo, ok: r.ok, data: r.data, error: r.error })), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Commits the good rows, chunk by chunk (one transaction each, so a 50,000-row import does not hold the
   * database). A job is committed once: a second commit is refused. Rows that turned invalid since the
   * preview (e.g. a credit code registered meanwhile) fail their chunk with a conflict.
   */
  async commit(id: string, user: AuthUser): Promise<ImportPreview & { committed: number }> {
    const job = await this.ownJob(id, user);
    const imp = this.importer(job.kind);
    const claimed = await this.ds
      .createQueryBuilder()
      .update(ImportJob)
      .set({ status: 'committing' })
      .where('id = :id AND status = :s', { id, s: 'previewed' })
      .execute();
    if (!claimed.affected) throw AppException.conflict('该导入已提交，不能重复提交');
    let committed = 0;
    let after = 0;
    try {
      for (;;) {
        const rows = await this.ds
          .getRepository(ImportRow)
          .createQueryBuilder('r')
          .where('r.job_id = :id AND r.ok = true AND r.row_no > :after', { id, after })
          .orderBy('r.row_no', 'ASC')
          .take(CHUNK)
          .getMany();
        if (!rows.length) break;
        await this.ds.transaction(async (m) => {
          await imp.commitChunk(
            rows.map((r) => r.data),
            user,
            m,
          );
          await m.update(ImportJob, id, { committed: committed + rows.length });
        });
        committed += rows.length;
        after = rows[rows.length - 1].rowNo;
      }
    } catch (e) {
      await this.ds.getRepository(ImportJob).update(id, { status: 'previewed' });
      throw e;
    }
    await this.ds.transaction(async (m) => {
      await m.update(ImportJob, id, { status: 'committed', committed });
      await this.audit.record({ actor: user, action: `import.${job.kind}`, targetType: 'import_job', targetId: id, after: { kind: job.kind, committed } }, m);
    });
    await this.ds.getRepository(ImportRow).delete({ jobId: id, ok: true });
    return { ...(await this.job(id, user)), status: 'committed', committed };
  }

  /** Streams rows into an .xlsx response; the workbook is written and sent row by row. */
  async streamXlsx(reply: FastifyReply, filename: string, columns: SheetColumn[], rows: AsyncIterable<Record<string, unknown>>) {
    const pass = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet('Sheet1');
    ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 20 }));
    void (async () => {
      for await (const r of rows) ws.addRow(r).commit();
      ws.commit();
      await wb.commit();
    })().catch((e: unknown) => pass.destroy(e instanceof Error ? e : new Error(String(e))));
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    return reply.send(pass);
  }
}

/** Pages through a query in fixed-size pages, for exports. */
export async function* paged<T>(fetch: (offset: number, limit: number) => Promise<T[]>, size = 1000): AsyncGenerator<T> {
  for (let offset = 0; ; offset += size) {
    const rows = await fetch(offset, size);
    for (const r of rows) yield r;
    if (rows.length < size) return;
  }
}
