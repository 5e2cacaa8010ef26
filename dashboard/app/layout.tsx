import type { ReactNode } from 'react';
import { getT } from '@/lib/i18n';
import './globals.css';

export const metadata = {
  // The title of a page without one of its own (each page names itself: lib/page-title.ts).
  title: 'Phân tích xử lý văn bản — UBND Thành phố Hà Nội',
  description: 'Theo dõi tình hình xử lý văn bản của các cơ quan, đơn vị trên Hệ thống quản lý văn bản và điều hành (Kế hoạch 222/KH-UBND).',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { t, lang } = await getT();
  return (
    <html lang={lang}>
      {/* The first Tab stop: past the masthead and the period choices, straight to the figures. */}
      <body><a href="#noi-dung" className="skip-link">{t('Bỏ qua, đến nội dung chính')}</a>{children}</body>
    </html>
  );
}
