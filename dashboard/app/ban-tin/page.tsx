// The daily digest by e-mail, from the reader's side: who is signed in subscribes with an address
// and the agency whose documents the digest covers (their own by default, only those they may read),
// sees when it goes out, the latest messages sent to them, and can unsubscribe.
import { ApiError, fetchDigestSubscription, fetchTree, type DigestSubscription } from '@/lib/api';
import { cityCode, portalToday } from '@/lib/config';
import { formatAsOf, formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { digestErrors, messageOf } from '@/lib/messages';
import type { Search } from '@/lib/params';
import { readSession } from '@/lib/session';
import { Header } from '@/ui/header';
import { pageTitle } from '@/lib/page-title';
import { ScrollTable } from '@/ui/scroll-table';

export const dynamic = 'force-dynamic';
export const generateMetadata = pageTitle('Bản tin hằng ngày');

const deliveryText: Record<DigestSubscription['deliveries'][number]['event'], string> = {
  sent: 'Đã gửi', failed: 'Gửi không được, sẽ gửi lại', gave_up: 'Đã thôi gửi lại sau nhiều lần không được',
};

export default async function DigestPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const [{ t }, session] = await Promise.all([getT(), readSession()]);
  if (!session) {
    return (
      <main id="noi-dung" className="page">
        <Header here="/ban-tin" />
        <h1>{t('Bản tin hằng ngày')}</h1>
        <p className="note"><a href="/dang-nhap?next=%2Fban-tin">{t('Đăng nhập')}</a> {t('để đăng ký nhận bản tin qua thư điện tử.')}</p>
      </main>
    );
  }
  let state: DigestSubscription | null = null;
  let problem: string | null = null;
  try {
    state = await fetchDigestSubscription();
  } catch (error) {
    problem = error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.');
  }
  // The agencies the person may choose: their own and those below it (everyone's for the city's readers).
  const tree = await fetchTree(portalToday(), 'as_is').then((answer) => answer.agencies).catch(() => []);
  const own = state?.suggested.agency ?? null;
  const choices = own ? subtree(tree, own) : tree;
  const indent = (depth: number) => '\u00a0'.repeat(2 * Math.max(0, depth - (choices[0]?.depth ?? 0)));
  const current = state?.subscription?.active ? state.subscription : null;
  const failure = messageOf(digestErrors, params['loi']);
  const done = params['da'] === 'luu' ? t('Đã lưu đăng ký nhận bản tin.') : params['da'] === 'huy' ? t('Đã hủy đăng ký nhận bản tin.') : null;

  return (
    <main id="noi-dung" className="page">
      <Header here="/ban-tin" />
      <h1>{t('Bản tin hằng ngày')}</h1>
      <p className="period">{t('Mỗi ngày làm việc, từ {at}, bản tin gửi qua thư điện tử: văn bản sắp đến hạn, văn bản mới quá hạn, văn bản chưa giao xử lý (kèm đơn vị, người xử lý) và các cơ quan có số văn bản tồn tăng. Không gửi vào ngày nghỉ, ngày lễ.', { at: state?.at ?? '07:30' })}</p>
      {problem ? <p role="alert" className="error">{problem}</p> : null}
      {failure ? <p role="alert" className="error">{t('Không lưu được đăng ký: {reason}', { reason: t(failure) })}</p> : null}
      {done ? <p role="status" className="note">{done}</p> : null}
      {state && !state.sending ? <p className="note">{t('Máy chủ này chưa được cấu hình gửi thư: đăng ký được lưu, nhưng bản tin chưa được gửi. Vui lòng báo quản trị hệ thống.')}</p> : null}
      {state ? (
        <>
          <p>{current
            ? t('Bạn đang nhận bản tin của {agency} tại {email}.', { agency: tree.find((a) => a.code === current.agency)?.name ?? current.agency, email: current.email })
            : t('Bạn chưa đăng ký nhận bản tin.')}</p>
          <form method="post" action="/ban-tin/luu" className="report-form" aria-label={t('Đăng ký nhận bản tin')}>
            <label>{t('Thư điện tử')}
              <input type="email" name="email" required maxLength={254} autoComplete="email" defaultValue={current?.email ?? state.suggested.email ?? ''} />
            </label>
            <label>{t('Cơ quan')}
              <select name="agency" defaultValue={current?.agency ?? own ?? cityCode}>
                {choices.map((a) => <option key={a.code} value={a.code}>{indent(a.depth)}{a.name}</option>)}
              </select>
            </label>
            <button type="submit">{current ? t('Lưu thay đổi') : t('Đăng ký')}</button>
            {current ? <button type="submit" name="huy" value="1" className="secondary">{t('Hủy đăng ký')}</button> : null}
          </form>
          <h2>{t('Bản tin đã gửi cho bạn')}</h2>
          {state.deliveries.length === 0 ? <p>{t('Chưa có bản tin nào.')}</p> : (
            <ScrollTable label={t('Các bản tin gần nhất, mới nhất trước')}>
              <table className="breakdown">
                <caption className="sr-only">{t('Các bản tin gần nhất, mới nhất trước')}</caption>
                <thead><tr><th scope="col">{t('Ngày')}</th><th scope="col">{t('Tình trạng')}</th><th scope="col">{t('Thời điểm')}</th><th scope="col">{t('Tiêu đề')}</th></tr></thead>
                <tbody>
                  {state.deliveries.map((d) => (
                    <tr key={`${d.day}-${d.at}-${d.event}`}><th scope="row">{formatDate(d.day)}</th><td>{t(deliveryText[d.event])}</td><td>{formatAsOf(d.at.replace(' ', 'T'))}</td><td>{d.subject}</td></tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
        </>
      ) : null}
    </main>
  );
}

/** `root` and the agencies below it, in the tree's order (parents before children). */
function subtree<T extends { code: string; parent_code: string | null }>(tree: T[], root: string): T[] {
  const inside = new Set([root]);
  const nodes: T[] = [];
  for (const node of tree) {
    if (node.code !== root && (node.parent_code === null || !inside.has(node.parent_code))) continue;
    inside.add(node.code);
    nodes.push(node);
  }
  return nodes;
}
