// One report, one file: the format's renderer, its media type and a file name that says what the
// file holds (ASCII, so every browser and mail system keeps it).
import type { Worker } from 'node:worker_threads';
import { startWorker } from '@vanban/common';
import { chromiumAvailable, chromiumPath } from './chromium.js';
import { reportPdf } from './pdf.js';
import type { Report } from './report.js';

export const reportFormats = ['xlsx', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const contentTypes: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A level's part of a file name, in Vietnamese without diacritics. */
const levelSlugs: Record<NonNullable<Report['request']['kind']>, string> = { department: 'cac-so-nganh', district: 'cac-quan-huyen', commune: 'cac-xa-phuong', other: 'don-vi-khac' };

/**
 * "bao-cao_2024-12-15_2025-12-14_000.00.00.H26.xlsx", in Vietnamese without diacritics: a one-level
 * report names its level ("_cac-xa-phuong"), today's structure says so ("_co-cau-hien-nay"), and a
 * provisional report is marked ("_tam-tinh").
 */
export function reportFileName(report: Report, format: ReportFormat): string {
  const level = report.request.kind ? `_${levelSlugs[report.request.kind]}` : '';
  const view = report.request.view === 'as_is' ? '_co-cau-hien-nay' : '';
  return `bao-cao_${report.period.from}_${report.period.to}_${report.total.agency.code}${level}${view}${report.provisional ? '_tam-tinh' : ''}.${format}`;
}

/** The PDF needs Debian's Chromium; without it Excel still works and the PDF says why it cannot. */
export class PdfUnavailableError extends Error {}

export async function renderReport(report: Report, format: ReportFormat): Promise<Buffer> {
  if (format === 'xlsx') return workbookInWorker(report);
  if (!chromiumAvailable()) throw new PdfUnavailableError(`PDF reports need Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH); Excel reports work without it`);
  return reportPdf(report);
}

const workbookWorkerModule = new URL('./xlsx-worker.ts', import.meta.url);

type Waiter = { resolve: (bytes: Buffer) => void; reject: (error: Error) => void };
let workbookWorker: { worker: Worker; waiting: Map<number, Waiter> } | undefined;
let nextWorkbook = 0;

/**
 * The workbook (xlsx.ts), written on a worker thread so that the event loop keeps answering
 * meanwhile. One thread, started on the first report (loading it takes about half a second) and
 * kept; idle, it does not hold the process open, and a thread that died is replaced on the next report.
 */
function workbookInWorker(report: Report): Promise<Buffer> {
  if (!workbookWorker) {
    const worker = startWorker(workbookWorkerModule);
    const waiting = new Map<number, Waiter>();
    worker.on('message', ({ id, bytes, error }: { id: number; bytes?: ArrayBuffer; error?: string }) => {
      const waiter = waiting.get(id);
      waiting.delete(id);
      if (waiting.size === 0) worker.unref();
      if (bytes) waiter?.resolve(Buffer.from(bytes));
      else waiter?.reject(new Error(`writing the workbook failed: ${error}`));
    });
    const fail = (error: Error) => {
      if (workbookWorker?.worker === worker) workbookWorker = undefined;
      for (const waiter of waiting.values()) waiter.reject(error);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the workbook worker stopped (exit code ${code}) before writing the file`)));
    workbookWorker = { worker, waiting };
  }
  const { worker, waiting } = workbookWorker;
  const id = nextWorkbook++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, report });
  });
}
