// The digest as a person reads it in their mailbox: a Vietnamese subject that says the day's
// figures, and a body (plain text and HTML, the same content) with each section's count, its first
// documents (notation, subject, due date, who handles it) and links to the portal.
import type { OpenDocument } from '../documents/open-documents.js';
import { handlers } from '../documents/chasing-letter.js';
import type { DigestContent, DocumentList } from './content.js';

export interface DigestMessage { subject: string; text: string; html: string }

const count = (n: number) => n.toLocaleString('vi-VN');
/** 2026-12-05 → 05/12/2026, as Vietnamese administrative writing shows a date. */
const viDate = (date: string) => date.split('-').reverse().join('/');

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Section { key: 'due_soon' | 'newly_overdue' | 'unassigned'; title: (content: DigestContent) => string }

const sections: Section[] = [
  { key: 'due_soon', title: () => 'Văn bản sắp đến hạn (trong 3 ngày làm việc)' },
  { key: 'newly_overdue', title: (c) => `Văn bản mới quá hạn từ ngày ${viDate(c.since)}` },
  { key: 'unassigned', title: () => 'Văn bản chưa giao xử lý' },
];

/** One document on one line: number, notation, subject, due date (and days overdue), who handles it. */
function documentLine(document: OpenDocument): string {
  const { unit, person } = handlers(document);
  const due = document.due_date ? `hạn ${viDate(document.due_date)}${document.days_overdue > 0 ? `, quá ${count(document.days_overdue)} ngày làm việc` : ''}` : 'không có hạn';
  return `Số đến ${document.reg_number} (${document.agency_code}) — ${document.source_notation}: ${document.summary} — ${due} — ${[unit, person].filter(Boolean).join(', ')}`;
}

/** `reader`: how the message greets its reader (the subscription's name); `listed`: the agencies named at most. */
export function digestMessage(content: DigestContent, portalUrl: string, reader: string, listed: number): DigestMessage {
  const agencyLink = new URL(`/co-quan/${encodeURIComponent(content.agency.code)}`, portalUrl).href;
  const subscriptionLink = new URL('/ban-tin', portalUrl).href;
  const subject = `Bản tin văn bản ngày ${viDate(content.day)} — ${content.agency.name}: `
    + `${count(content.due_soon.total)} sắp đến hạn, ${count(content.newly_overdue.total)} mới quá hạn, ${count(content.unassigned.total)} chưa giao xử lý`;
  const more = (list: DocumentList) => list.total > list.documents.length ? `… và ${count(list.total - list.documents.length)} văn bản khác` : null;
  const backlogLine = (row: DigestContent['backlog_grew'][number]) =>
    `${row.name} (${row.code}): ${count(row.open_before)} → ${count(row.open_now)} (tăng ${count(row.open_now - row.open_before)})`;
  const grew = content.backlog_grew.slice(0, listed);
  const moreAgencies = content.backlog_grew.length > grew.length ? `… và ${count(content.backlog_grew.length - grew.length)} cơ quan, đơn vị khác` : null;
  const greeting = `Kính gửi: ${reader || `Lãnh đạo ${content.agency.name}`}`;
  const backlogTitle = `Cơ quan, đơn vị có số văn bản tồn tăng so với ngày ${viDate(content.since)}`;
  const dataLine = content.data_as_of ? `Số liệu cập nhật đến ${content.data_as_of.slice(11, 16)} ngày ${viDate(content.data_as_of.slice(0, 10))}.` : 'Chưa có số liệu.';

  const text = [
    greeting,
    '',
    `Tình hình xử lý văn bản đến ngày ${viDate(content.day)} của ${content.agency.name} (gồm các cơ quan, đơn vị trực thuộc). ${dataLine}`,
    ...sections.flatMap((section) => {
      const list = content[section.key];
      return ['', `${section.title(content)}: ${count(list.total)}`, ...list.documents.map((d) => `  • ${documentLine(d)}`), ...[more(list)].filter((l): l is string => l !== null).map((l) => `  ${l}`)];
    }),
    '',
    `${backlogTitle}: ${content.backlog_grew.length === 0 ? 'không có' : count(content.backlog_grew.length)}`,
    ...grew.map((row) => `  • ${backlogLine(row)}`),
    ...(moreAgencies ? [`  ${moreAgencies}`] : []),
    '',
    `Xem chi tiết: ${agencyLink}`,
    `Thôi nhận bản tin: ${subscriptionLink}`,
  ].join('\n');

  const listHtml = (list: DocumentList) => list.documents.length === 0 ? '' : `<ul>${list.documents.map((d) => `<li>${escapeHtml(documentLine(d))}</li>`).join('')}${more(list) ? `<li>${escapeHtml(more(list)!)}</li>` : ''}</ul>`;
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>', escapeHtml(subject), '</title></head><body style="font-family: serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>Tình hình xử lý văn bản đến ngày ${viDate(content.day)} của ${escapeHtml(content.agency.name)} (gồm các cơ quan, đơn vị trực thuộc). ${escapeHtml(dataLine)}</p>`,
    ...sections.map((section) => `<h2>${escapeHtml(section.title(content))}: ${count(content[section.key].total)}</h2>${listHtml(content[section.key])}`),
    `<h2>${escapeHtml(backlogTitle)}: ${content.backlog_grew.length === 0 ? 'không có' : count(content.backlog_grew.length)}</h2>`,
    grew.length === 0 ? '' : `<ul>${[...grew.map(backlogLine), ...(moreAgencies ? [moreAgencies] : [])].map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(agencyLink)}">Xem chi tiết trên cổng theo dõi văn bản</a> · <a href="${escapeHtml(subscriptionLink)}">Thôi nhận bản tin</a></p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
