// The portal's masthead: the freshness of the figures (data_as_of of the API) and who is signed in.
import { formatAsOf } from '@/lib/format';
import { readSession } from '@/lib/session';

export async function Header({ asOf, here = '/' }: { asOf?: string | null; here?: string }) {
  const session = await readSession();
  return (
    <header className="header">
      <div>
        <p className="org">UBND THÀNH PHỐ HÀ NỘI</p>
        <p className="title"><a href="/">Phân tích xử lý văn bản</a></p>
        <nav aria-label="Các trang" className="pages"><a href="/">Tổng quan</a><a href="/xep-hang">Xếp hạng</a></nav>
      </div>
      <div>
        {asOf !== undefined ? <p className="freshness">Dữ liệu cập nhật đến {formatAsOf(asOf)}</p> : null}
        <p className="session">
          {session
            ? <>{session.name} · <a href="/phien/thoat">Đăng xuất</a></>
            : <a href={`/dang-nhap?next=${encodeURIComponent(here)}`}>Đăng nhập</a>}
        </p>
      </div>
    </header>
  );
}
