// The portal's masthead: the freshness of the figures (data_as_of of the API), who is signed in (and
// the way to their own agency), the language switch, and a search for an agency by name. `here` is
// the page being read: its period and view (from, to, view) travel with the masthead's links, so
// moving between pages never drops the period a leader chose.
import { fetchMe } from '@/lib/api';
import { cityCode } from '@/lib/config';
import { formatAsOf } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { readSession } from '@/lib/session';
import '@/app/lists.css';

/** The view parameters of `here` (a path with its query), as a query string, or '' when it has none. */
export function keptView(here: string): string {
  const url = new URL(here, 'http://portal');
  const kept = new URLSearchParams(['from', 'to', 'view'].flatMap((name) => {
    const value = url.searchParams.get(name);
    return value ? [[name, value]] : [];
  }));
  return kept.size > 0 ? `?${kept}` : '';
}

/** The signed-in person's own agency (null: the whole city), or undefined when the API cannot say. */
async function ownAgency(): Promise<string | null | undefined> {
  return fetchMe().then((me) => me.agency).catch(() => undefined);
}

export async function Header({ asOf, here = '/' }: { asOf?: string | null; here?: string }) {
  const [session, { t, lang }] = await Promise.all([readSession(), getT()]);
  const back = encodeURIComponent(here);
  const view = keptView(here);
  const own = session ? await ownAgency() : undefined;
  const viewFields = [...new URLSearchParams(view)].map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  return (
    <header className="header">
      <div>
        <p className="org">{t('UBND THÀNH PHỐ HÀ NỘI')}</p>
        <p className="title"><a href={`/${view}`}>{t('Phân tích xử lý văn bản')}</a></p>
        <nav aria-label={t('Các trang')} className="pages">
          <a href={`/${view}`}>{t('Tổng quan')}</a>
          <a href={`/xep-hang${view}`}>{t('Xếp hạng')}</a>
          <a href="/bao-cao">{t('Báo cáo')}</a>
          {session ? <a href="/ban-tin">{t('Bản tin')}</a> : null}
          {own !== undefined
            ? <a className="mine" href={own === null || own === cityCode ? `/${view}` : `/co-quan/${encodeURIComponent(own)}${view}`}>{t('Đơn vị của tôi')}</a>
            : null}
        </nav>
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
        {/* Labelled "Tìm kiếm", not with the word "cơ quan": other forms label their agency field so. */}
        <form role="search" method="get" action="/tim-co-quan" className="header-search" aria-label={t('Tìm theo tên')}>
          <input type="search" name="q" aria-label={t('Tìm kiếm')} placeholder={t('Tìm cơ quan, đơn vị theo tên…')} maxLength={100} required />
          {viewFields}
          <button type="submit">{t('Tìm')}</button>
        </form>
      </div>
    </header>
  );
}
