// Vietnamese names, positions and subject-line templates for realistic rows.
import type { Rng } from './rng.js';

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Tạ', 'Chu', 'Kiều'];
const middleNames = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Hữu', 'Thanh', 'Quang', 'Ngọc', 'Hồng', 'Xuân', 'Anh', 'Kim', 'Mạnh'];
const givenNames = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phong', 'Phương', 'Quân', 'Quỳnh', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Trung', 'Tú', 'Tuấn', 'Vân', 'Việt', 'Yến'];

export function personName(rng: Rng): string {
  return `${rng.pick(familyNames)} ${rng.pick(middleNames)} ${rng.pick(givenNames)}`;
}

export const ministries: ReadonlyArray<readonly [code: string, name: string, short: string]> = [
  ['000.00.00.G01', 'Văn phòng Chính phủ', 'VPCP'],
  ['000.00.00.G02', 'Bộ Nội vụ', 'BNV'],
  ['000.00.00.G03', 'Bộ Tài chính', 'BTC'],
  ['000.00.00.G04', 'Bộ Xây dựng', 'BXD'],
  ['000.00.00.G05', 'Bộ Y tế', 'BYT'],
  ['000.00.00.G06', 'Bộ Giáo dục và Đào tạo', 'BGDĐT'],
  ['000.00.00.G07', 'Bộ Công an', 'BCA'],
  ['000.00.00.G08', 'Bộ Tư pháp', 'BTP'],
  ['000.00.00.G09', 'Bộ Khoa học và Công nghệ', 'BKHCN'],
  ['000.00.00.G10', 'Bộ Nông nghiệp và Môi trường', 'BNNMT'],
];

export const docTypes: ReadonlyArray<readonly [string, number]> = [
  ['CV', 45], ['TB', 8], ['KH', 7], ['BC', 9], ['QĐ', 8], ['GM', 10], ['TTr', 3], ['HD', 3], ['CT', 1],
  ['NQ', 0.5], ['CĐ', 0.5], ['PA', 1], ['ĐA', 0.5], ['BB', 1], ['QC', 0.3], ['CTr', 0.7], ['PC', 0.5],
];

const subjects: Record<string, readonly string[]> = {
  CV: ['Về việc triển khai Kế hoạch 222/KH-UBND về Hệ thống quản lý văn bản và điều hành', 'Về việc rà soát thủ tục hành chính năm {y}',
    'Về việc tăng cường công tác phòng cháy, chữa cháy', 'Về việc góp ý dự thảo quy chế làm việc', 'Về việc chấn chỉnh kỷ luật, kỷ cương hành chính',
    'Về việc cung cấp số liệu phục vụ báo cáo chuyên đề', 'Về việc đẩy mạnh chuyển đổi số trong cơ quan nhà nước', 'Về việc xử lý kiến nghị của công dân'],
  TB: ['Thông báo kết luận của Chủ tịch UBND Thành phố tại cuộc họp giao ban', 'Thông báo lịch nghỉ Tết Nguyên đán {y}', 'Thông báo kết quả kiểm tra công tác cải cách hành chính'],
  KH: ['Kế hoạch cải cách hành chính năm {y}', 'Kế hoạch chuyển đổi số năm {y}', 'Kế hoạch kiểm tra công tác văn thư, lưu trữ năm {y}'],
  BC: ['Báo cáo kết quả thực hiện nhiệm vụ tháng', 'Báo cáo tình hình xử lý văn bản trên Hệ thống', 'Báo cáo công tác cải cách hành chính quý', 'Báo cáo sơ kết 6 tháng đầu năm {y}'],
  QĐ: ['Quyết định phê duyệt danh mục hồ sơ năm {y}', 'Quyết định thành lập Tổ công tác', 'Quyết định ban hành Quy chế làm việc'],
  GM: ['Giấy mời họp giao ban công tác quý', 'Giấy mời dự hội nghị tập huấn sử dụng chữ ký số', 'Giấy mời họp triển khai nhiệm vụ trọng tâm'],
};

export function subjectFor(rng: Rng, docType: string, year: number): string {
  const list = subjects[docType] ?? subjects['CV']!;
  return rng.pick(list).replace('{y}', String(year));
}

export const leaderPositions: Record<string, readonly string[]> = {
  city: ['Chủ tịch', 'Phó Chủ tịch', 'Phó Chủ tịch', 'Phó Chủ tịch'],
  department: ['Giám đốc', 'Phó Giám đốc', 'Phó Giám đốc'],
  district: ['Chủ tịch', 'Phó Chủ tịch', 'Phó Chủ tịch'],
  commune: ['Chủ tịch', 'Phó Chủ tịch'],
};

export const unitNames: Record<string, readonly string[]> = {
  city: ['Lãnh đạo UBND Thành phố', 'Phòng Hành chính - Tổ chức', 'Phòng Tổng hợp', 'Phòng Kinh tế', 'Phòng Nội chính'],
  department: ['Ban Giám đốc', 'Văn phòng Sở', 'Phòng Kế hoạch - Tài chính', 'Phòng Quản lý chuyên ngành', 'Thanh tra Sở'],
  district: ['Lãnh đạo UBND', 'Văn phòng HĐND và UBND', 'Phòng Nội vụ', 'Phòng Tài chính - Kế hoạch', 'Phòng Quản lý đô thị'],
  commune: ['Lãnh đạo UBND', 'Văn phòng - Thống kê', 'Tư pháp - Hộ tịch'],
};
