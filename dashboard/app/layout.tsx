import type { ReactNode } from 'react';
import { currentLang } from '@/lib/i18n';
import './globals.css';

export const metadata = {
  title: 'Phân tích xử lý văn bản — UBND Thành phố Hà Nội',
  description: 'Theo dõi tình hình xử lý văn bản của các cơ quan, đơn vị trên Hệ thống quản lý văn bản và điều hành (Kế hoạch 222/KH-UBND).',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await currentLang()}>
      <body>{children}</body>
    </html>
  );
}
