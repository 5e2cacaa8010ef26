// One report, one file: the format's renderer, its media type and a file name that says what the
// file holds (ASCII, so every browser and mail system keeps it).
import { bytesOnWorker } from '@vanban/common';
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

/** The workbook (xlsx.ts), written on a worker thread so that the event loop keeps answering meanwhile. */
const workbookInWorker = bytesOnWorker<Report>(new URL('./xlsx-worker.ts', import.meta.url), 'the workbook');
