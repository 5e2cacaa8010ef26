// A draft chasing letter (công văn đôn đốc) to an agency about its overdue incoming documents, in the
// layout of Decree 30/2020/NĐ-CP (Phụ lục I: national title and motto, issuer, number and "V/v",
// place and date left for the clerk to fill at signing, "Kính gửi", body, "Nơi nhận", signature block;
// the list in an appendix), as a DOCX the clerk edits before it is signed. The issuer is the agency's
// superior in the structure (the city for a department). Person-level data: the route audits it.
import {
  AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, PageOrientation, Paragraph, Table, TableCell, TableRow,
  TextRun, VerticalAlign, WidthType, type IParagraphOptions, type ParagraphChild,
} from 'docx';
import { bytesOnWorker, type Warehouse } from '@vanban/common';
import { loadAgencyStructure } from '../kpi/structure.js';
import { openDocuments, type OpenDocument } from './open-documents.js';
import { vnDate } from '../reports/wording.js';

/** The appendix lists at most this many documents, the most overdue first; the letter says how many more. */
export const letterDocumentLimit = 1000;

export interface ChasingLetter {
  agency: { code: string; name: string };
  issuer: string;
  as_of: string;
  data_as_of: string | null;
  /** Every overdue document of the agency, and those listed (the most overdue first). */
  total: number;
  documents: OpenDocument[];
}

/** The agency's own overdue documents at today (scope self: its units' letters go to each unit). */
export async function chasingLetter(client: Warehouse, agencyCode: string, today: string): Promise<ChasingLetter> {
  const list = await openDocuments(client, { agency: agencyCode, scope: 'self', overdue: true, page: 1, page_size: letterDocumentLimit }, today);
  const structure = await loadAgencyStructure(client);
  const agency = structure.byCode.get(agencyCode)!;
  const superior = agency.parentId === null ? undefined : structure.byId.get(agency.parentId);
  return {
    agency: { code: list.agency.code, name: list.agency.name },
    issuer: superior?.name ?? list.agency.name,
    as_of: list.as_of,
    data_as_of: list.data_as_of,
    total: list.total,
    documents: list.documents,
  };
}

// Decree 30: Times New Roman, 13–14 pt body (sizes here in half-points), A4, margins in twentieths of a point.
const font = 'Times New Roman';
const pt = (points: number) => points * 2;
const mm = (millimetres: number) => Math.round((millimetres / 25.4) * 1440);

const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text: value, font, size: pt(options.size ?? 14), bold: options.bold, italics: options.italics, ...(options.underline ? { underline: {} } : {}) });

const paragraph = (children: ParagraphChild[], options: Omit<IParagraphOptions, 'children'> = {}) =>
  new Paragraph({ spacing: { after: 60 }, ...options, children });

const centred = (...children: ParagraphChild[]) => paragraph(children, { alignment: AlignmentType.CENTER, spacing: { after: 0 } });

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

/** Two columns without borders: the issuer (left) and the national title (right), as Decree 30 places them. */
function twoColumns(left: Paragraph[], right: Paragraph[], widths: [number, number]): Table {
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: noBorders });
  return new Table({
    rows: [new TableRow({ children: [cell(left, widths[0]), cell(right, widths[1])] })],
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    borders: noBorders,
  });
}

/** The unit and the person leading each document's handling (chủ trì), or the fact that nobody was assigned. */
export function handlers(document: OpenDocument): { unit: string; person: string } {
  const leads = document.assignees.filter((a) => a.role === 'lead');
  const shown = leads.length > 0 ? leads : document.assignees;
  if (shown.length === 0) return { unit: 'Chưa giao xử lý', person: '' };
  const join = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].join('; ');
  return { unit: join(shown.map((a) => a.unit)), person: join(shown.map((a) => a.staff_name)) };
}

const count = (n: number) => n.toLocaleString('vi-VN');

/** The letter as a DOCX file. */
export async function chasingLetterDocx(letter: ChasingLetter): Promise<Buffer> {
  const issuerUpper = letter.issuer.toLocaleUpperCase('vi-VN');
  const year = letter.as_of.slice(0, 4);
  const over20 = letter.documents.filter((d) => d.days_overdue > 20).length;
  const unassigned = letter.documents.filter((d) => d.assignees.length === 0).length;
  const listed = letter.documents.length;
  const header = twoColumns(
    [
      centred(text(issuerUpper, { bold: true, size: 13 })),
      centred(text('Số:        /', { size: 13 })),
      centred(text('V/v đôn đốc xử lý văn bản đến quá hạn', { size: 12 })),
    ],
    [
      centred(text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 })),
      centred(text('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })),
      paragraph([text(`Hà Nội, ngày      tháng      năm ${year}`, { italics: true })], { alignment: AlignmentType.CENTER, spacing: { before: 200 } }),
    ],
    [mm(68), mm(97)],
  );
  const body = [
    paragraph([text('Kính gửi: '), text(letter.agency.name)], { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 240 } }),
    paragraph([text(
      `Theo số liệu của Hệ thống quản lý văn bản và điều hành của Thành phố (cập nhật ${letter.data_as_of ? `${letter.data_as_of.slice(11, 16)} ngày ${vnDate(letter.data_as_of.slice(0, 10))}` : 'đến nay'}), `
      + `tính đến ngày ${vnDate(letter.as_of)}, ${letter.agency.name} còn ${count(letter.total)} văn bản đến đã quá hạn xử lý nhưng chưa được giải quyết`
      + `${listed > 0 ? ` (danh sách tại Phụ lục kèm theo${listed < letter.total ? `, gồm ${count(listed)} văn bản quá hạn lâu nhất` : ''})` : ''}`
      + `${over20 > 0 ? `, trong đó ${count(over20)} văn bản quá hạn trên 20 ngày làm việc` : ''}`
      + `${unassigned > 0 ? `; ${count(unassigned)} văn bản chưa được giao xử lý` : ''}.`,
    )], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: mm(10) } }),
    paragraph([text(
      `Thực hiện Kế hoạch số 222/KH-UBND của Ủy ban nhân dân Thành phố và Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư, `
      + `${letter.issuer} đề nghị ${letter.agency.name} chỉ đạo các đơn vị, cá nhân được giao chủ trì xử lý khẩn trương giải quyết dứt điểm các văn bản nêu trên; `
      + 'trường hợp cần gia hạn thì thực hiện theo quy định và cập nhật hạn xử lý trên Hệ thống; báo cáo kết quả thực hiện trước ngày      /      /' + `${year}.`,
    )], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: mm(10) } }),
    paragraph([text(`${letter.issuer} đề nghị ${letter.agency.name} quan tâm, thực hiện./.`)], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: mm(10) } }),
  ];
  const closing = twoColumns(
    [
      paragraph([text('Nơi nhận:', { bold: true, italics: true, size: 12 })], { spacing: { before: 240, after: 0 } }),
      paragraph([text('- Như trên;', { size: 11 })], { spacing: { after: 0 } }),
      paragraph([text('- Lưu: VT.', { size: 11 })], { spacing: { after: 0 } }),
    ],
    [
      paragraph([text('QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ', { bold: true })], { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 0 } }),
      centred(text('(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan)', { italics: true, size: 12 })),
      paragraph([text('Họ và tên', { bold: true })], { alignment: AlignmentType.CENTER, spacing: { before: 1400 } }),
    ],
    [mm(80), mm(85)],
  );
  const columns: { title: string; width: number; value: (d: OpenDocument, index: number) => string; align?: (typeof AlignmentType)[keyof typeof AlignmentType] }[] = [
    { title: 'STT', width: mm(12), value: (_d, i) => String(i + 1), align: AlignmentType.CENTER },
    { title: 'Số đến, ngày đến', width: mm(24), value: (d) => `${d.reg_number}\n${vnDate(d.received_date)}`, align: AlignmentType.CENTER },
    { title: 'Số, ký hiệu; nơi gửi', width: mm(36), value: (d) => `${d.source_notation}\n${d.issuer_name}` },
    { title: 'Trích yếu nội dung', width: mm(64), value: (d) => d.summary },
    { title: 'Hạn xử lý', width: mm(25), value: (d) => (d.due_date ? vnDate(d.due_date) : ''), align: AlignmentType.CENTER },
    { title: 'Số ngày làm việc quá hạn', width: mm(20), value: (d) => count(d.days_overdue), align: AlignmentType.CENTER },
    { title: 'Đơn vị chủ trì xử lý', width: mm(45), value: (d) => handlers(d).unit },
    { title: 'Người xử lý', width: mm(36), value: (d) => handlers(d).person },
  ];
  const tableCell = (value: string, width: number, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) => new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: value.split('\n').map((line) => new Paragraph({ alignment: options.align, children: [text(line, { bold: options.bold, size: 12 })] })),
  });
  const appendixTable = new Table({
    width: { size: columns.reduce((total, c) => total + c.width, 0), type: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => tableCell(c.title, c.width, { bold: true, align: AlignmentType.CENTER })) }),
      ...letter.documents.map((document, index) => new TableRow({ cantSplit: true, children: columns.map((c) => tableCell(c.value(document, index), c.width, { align: c.align })) })),
    ],
  });
  const pageNumber = () => ({
    // Decree 30: page numbers at the top centre, from the second page.
    default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font, size: pt(13) })] })] }),
    first: new Header({ children: [] }),
  });
  const document = new Document({
    creator: 'Hệ thống theo dõi xử lý văn bản — Thành phố Hà Nội',
    title: `Công văn đôn đốc xử lý văn bản quá hạn — ${letter.agency.name}`,
    styles: { default: { document: { run: { font, size: pt(14) } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        headers: pageNumber(),
        children: [header, ...body, closing],
      },
      ...(listed > 0 ? [{
        properties: { titlePage: true, page: { size: { width: mm(210), height: mm(297), orientation: PageOrientation.LANDSCAPE }, margin: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(15) } } },
        headers: pageNumber(),
        children: [
          centred(text('Phụ lục', { bold: true })),
          centred(text('DANH SÁCH VĂN BẢN ĐẾN QUÁ HẠN CHƯA XỬ LÝ', { bold: true })),
          centred(text(`(Kèm theo Công văn số        /        ngày      /      /${year} của ${letter.issuer})`, { italics: true, size: 13 })),
          paragraph([text(`Số liệu đến ngày ${vnDate(letter.as_of)}; số ngày quá hạn tính theo ngày làm việc.${listed < letter.total ? ` Danh sách gồm ${count(listed)} văn bản quá hạn lâu nhất trong tổng số ${count(letter.total)} văn bản.` : ''}`, { italics: true, size: 12 })],
            { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 240 } }),
          appendixTable,
        ],
      }] : []),
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * The letter as a DOCX file, written on a worker thread (chasing-letter-worker.ts): laid out on the
 * event loop, a full appendix of 1,000 documents held every other request for 1.0–1.3 s.
 */
export const letterDocxOffThread = bytesOnWorker<ChasingLetter>(new URL('./chasing-letter-worker.ts', import.meta.url), 'the letter');
