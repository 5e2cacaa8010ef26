// The portal's masthead: the freshness of the figures (data_as_of of the API), who is signed in, and
// the language switch.
import { formatAsOf } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { readSession } from '@/lib/session';

export async function Header({ asOf, here = '/' }: { asOf?: string | null; here?: string }) {
  const [session, { t, lang }] = await Promise.all([readSession(), getT()]);
  const back = encodeURIComponent(here);
  return (
    <header className="header">
      <div>
        <p className="org">{t('UBND THÀNH PHỐ HÀ NỘI')}</p>
        <p className="title"><a href="/">{t('Phân tích xử lý văn bản')}</a></p>
        <nav aria-label={t('Các trang')} className="pages"><a href="/">{t('Tổng quan')}</a><a href="/xep-hang">{t('Xếp hạng')}</a><a href="/bao-cao">{t('Báo cáo')}</a>{session ? <a href="/ban-tin">{t('Bản tin')}</a> : null}</nav>
      </div>
      <div>
        {asOf !== undefined ? <p className="freshness">{t('Dữ liệu cập nhật đến {asOf}', { asOf: formatAsOf(asOf) ?? t('chưa có dữ liệu') })}</p> : null}
        <p className="session">
          {session
            ? <>{session.name} · <a href="/phien/thoat">{t('Đăng xuất')}</a></>
            : <a href={`/dang-nhap?next=${back}`}>{t('Đăng nhập')}</a>}
          {' · '}
          {lang === 'vi'
            ? <a href={`/ngon-ngu?lang=en&next=${back}`} lang="en" hrefLang="en">English</a>
            : <a href={`/ngon-ngu?lang=vi&next=${back}`} lang="vi" hrefLang="vi">Tiếng Việt</a>}
        </p>
      </div>
    </header>
  );
}
