// A page or an agency that does not exist: said in Vietnamese, under the portal's own header, with
// the way back and a search by name (a mistyped or old agency code is usually found by its name).
import { getT } from '@/lib/i18n';
import { pageTitle } from '@/lib/page-title';
import { AgencySearchForm } from '@/ui/agency-search-form';
import { Header } from '@/ui/header';

export const generateMetadata = pageTitle('Không tìm thấy trang');

export default async function NotFound() {
  const { t } = await getT();
  return (
    <main id="noi-dung" className="page">
      <Header />
      <h1>{t('Không tìm thấy trang')}</h1>
      <p>{t('Địa chỉ này không có trong cổng, hoặc không có cơ quan nào mang mã định danh đó.')}</p>
      <AgencySearchForm />
      <p><a href="/">{t('Về trang tổng quan')}</a> · <a href="/xep-hang">{t('Xếp hạng')}</a></p>
    </main>
  );
}
