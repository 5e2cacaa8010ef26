// The portal's masthead with the freshness of the figures (data_as_of of the API).
import { formatAsOf } from '@/lib/format';

export function Header({ asOf }: { asOf?: string | null }) {
  return (
    <header className="header">
      <div>
        <p className="org">UBND THÀNH PHỐ HÀ NỘI</p>
        <p className="title"><a href="/">Phân tích xử lý văn bản</a></p>
      </div>
      {asOf !== undefined ? <p className="freshness">Dữ liệu cập nhật đến {formatAsOf(asOf)}</p> : null}
    </header>
  );
}
