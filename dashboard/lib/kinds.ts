// Vietnamese names of the agency kinds, in the order a breakdown lists them.
export const kindLabels: Record<string, string> = {
  city: 'Thành phố',
  department: 'Sở, ban, ngành',
  district: 'Quận, huyện, thị xã',
  commune: 'Xã, phường, thị trấn',
  other: 'Đơn vị khác',
};

export const kindOrder = ['department', 'district', 'commune', 'other', 'city'];
