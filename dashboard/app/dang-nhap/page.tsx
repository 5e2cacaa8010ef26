// The sign-in page. In the demo (npm start) the seeded accounts sign in here; a city deployment
// signs people in through its OpenID Connect provider instead.
import { getT } from '@/lib/i18n';
import { messageOf, signInErrors } from '@/lib/messages';
import { oidcSettings } from '@/lib/oidc';
import type { Search } from '@/lib/params';
import { localPath } from '@/lib/redirect';
import { Header } from '@/ui/header';
import { pageTitle } from '@/lib/page-title';

export const dynamic = 'force-dynamic';
export const generateMetadata = pageTitle('Đăng nhập');

export default async function SignIn({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const { t } = await getT();
  const next = localPath(params['next']);
  const problem = messageOf(signInErrors, params['loi']) ?? (params['loi'] ? signInErrors['1']! : null);
  return (
    <main id="noi-dung" className="page narrow">
      <Header />
      <h1>{t('Đăng nhập')}</h1>
      {problem ? <p role="alert" className="error">{t(problem)}</p> : null}
      {oidcSettings() ? (
        <p><a className="button" href={`/phien/oidc?next=${encodeURIComponent(next)}`}>{t('Đăng nhập bằng tài khoản của Thành phố (SSO)')}</a></p>
      ) : (
      <>
      <form method="post" action="/phien" className="sign-in">
        <input type="hidden" name="next" value={next} />
        <label>{t('Tài khoản')}
          <select name="username" defaultValue="lanhdao">
            <option value="lanhdao">lanhdao — Lãnh đạo UBND Thành phố</option>
            <option value="sonoivu">sonoivu — Sở Nội vụ</option>
            <option value="vanthuxa">vanthuxa — Văn thư một xã</option>
          </select>
        </label>
        <label>{t('Mật khẩu')} <input type="password" name="password" autoComplete="current-password" required /></label>
        <button type="submit">{t('Đăng nhập')}</button>
      </form>
      <p className="note">{t('Bản trình diễn: mật khẩu của các tài khoản mẫu là {code}.', { code: '“demo”' })}</p>
      </>
      )}
    </main>
  );
}
