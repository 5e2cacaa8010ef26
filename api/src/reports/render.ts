// One report, one file: the format's renderer, its media type and a file name that says what the
// file holds (ASCII, so every browser and mail system keeps it).
import { chromiumAvailable, chromiumPath } from './chromium.js';
import { reportPdf } from './pdf.js';
import type { Report } from './report.js';
import { reportWorkbook } from './xlsx.js';

export const reportFormats = ['xlsx', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const contentTypes: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** "bao-cao_2024-12-15_2025-12-14_000.00.00.H26_as_was.xlsx"; a one-level report names its level. */
export function reportFileName(report: Report, format: ReportFormat): string {
  const level = report.request.kind ? `_${report.request.kind}` : '';
  return `bao-cao_${report.period.from}_${report.period.to}_${report.total.agency.code}${level}_${report.request.view}.${format}`;
}

/** The PDF needs Debian's Chromium; without it Excel still works and the PDF says why it cannot. */
export class PdfUnavailableError extends Error {}

export async function renderReport(report: Report, format: ReportFormat): Promise<Buffer> {
  if (format === 'xlsx') return reportWorkbook(report);
  if (!chromiumAvailable()) throw new PdfUnavailableError(`PDF reports need Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH); Excel reports work without it`);
  return reportPdf(report);
}
