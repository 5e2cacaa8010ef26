// The report center of the Department of Home Affairs: make a periodic report now (Excel or PDF, a
// statutory or calendar period, the city, one level or one agency) and find every report made
// before — on demand or by the schedule after each cut-off — with who asked, when, and its SHA-256.
import { ApiError, fetchFailingReports, fetchReports, fetchTree, type ArchiveEntry } from '@/lib/api';
import { formatAsOf } from '@/lib/format';
import { cityCode, portalToday } from '@/lib/config';
import { getT } from '@/lib/i18n';
import { messageOf, reportErrors } from '@/lib/messages';
import type { Search } from '@/lib/params';
import { defaultPeriodChoice, generatedText, periodChoices, periodText, reportLevels, reportPeriods, requesterText, scopeText, sizeText } from '@/lib/reports';
import { readSession } from '@/lib/session';
import { Header } from '@/ui/header';
import { PendingSubmit } from '@/ui/pending-submit';
import { pageTitle } from '@/lib/page-title';
import { ScrollTable } from '@/ui/scroll-table';

export const dynamic = 'force-dynamic';
export const generateMetadata = pageTitle('Báo cáo định kỳ');

export default async function ReportCenter({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const [{ t, lang }, session] = await Promise.all([getT(), readSession()]);
  const today = portalToday();
  let reports: ArchiveEntry[] = [];
  let problem: string | null = null;
  try {
    reports = (await fetchReports()).reports;
  } catch (error) {
    problem = error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.');
  }
  // Scheduled reports that could not be made: said, with when they are tried again (never why: the log says).
  const failing = await fetchFailingReports().catch(() => []);
  // The agencies the person may report on (the API answers their subtree), today's structure.
  const agencies = await fetchTree(today, 'as_is').then((tree) => tree.agencies).catch(() => []);
  // A failing scheduled report names its agency as the made ones do; one no longer in today's structure, by its code.
  const nameOf = (code: string) => agencies.find((a) => a.code === code)?.name;
  const fresh = typeof params['moi'] === 'string' ? params['moi'] : null;
  // The choices of the report just asked for stay chosen (they come back in the URL); the defaults are
  // the last closed month and the person's own agency (the first of the agencies they may report on).
  const choices = periodChoices(today);
  const param = (name: string) => (typeof params[name] === 'string' ? params[name] : '');
  const chosen = {
    ky: choices.some((c) => c.value === param('ky')) ? param('ky') : defaultPeriodChoice(today),
    calendar: param('calendar'),
    scope: agencies.some((a) => a.code === param('scope')) ? param('scope') : (agencies[0]?.code ?? cityCode),
    kind: reportLevels.some((l) => l.key === param('kind')) ? param('kind') : '',
    view: param('view'),
    format: param('format'),
  };
  // One line per file: the same bytes made again (a scheduled and an asked-for copy) are listed once.
  const copies = new Map<string, number>();
  for (const entry of reports) copies.set(entry.sha256, (copies.get(entry.sha256) ?? 0) + 1);
  const listed = reports.filter((entry, i) => reports.findIndex((e) => e.sha256 === entry.sha256) === i || entry.id === fresh);
  const made = fresh ? reports.find((entry) => entry.id === fresh) : undefined;
  const failure = messageOf(reportErrors, params['loi']);

  return (
    <main id="noi-dung" className="page">
      <Header here="/bao-cao" />
      <h1>{t('Báo cáo định kỳ')}</h1>
      <p className="period">{t('Báo cáo tình hình xử lý văn bản gửi UBND Thành phố: tự động lập sau mỗi kỳ chốt số liệu (ngày 14), hoặc lập ngay theo yêu cầu. Mọi tệp đã lập được lưu trữ và tải lại đúng từng byte.')}</p>

      {failure ? <p role="alert" className="error">{t('Không lập được báo cáo: {reason}', { reason: t(failure) })}</p> : null}
      {made ? (
        <p role="status" className="note">{t('Đã lập báo cáo {period}', { period: periodText(made, t) })}{made.provisional ? ` (${t('TẠM TÍNH')})` : ''}: <a href={`/bao-cao/${encodeURIComponent(made.id)}/tai-ve`}>{t('Tải về')} {made.file_name}</a></p>
      ) : null}
      {session ? (
        <form method="post" action="/bao-cao/lap" className="report-form" aria-label={t('Lập báo cáo')}>
          <h2>{t('Lập báo cáo')}</h2>
          <label className="wide">{t('Kỳ báo cáo')}
            <select name="ky" defaultValue={chosen.ky} aria-label={t('Kỳ báo cáo')}>
              {reportPeriods.map((p) => (
                <optgroup key={p.key} label={t(p.label)}>
                  {choices.filter((c) => c.kind === p.key).map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
                </optgroup>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>{t('Cách tính kỳ')}</legend>
            <label><input type="radio" name="calendar" value="false" defaultChecked={chosen.calendar !== 'true'} /> {t('Kỳ báo cáo (số liệu chốt ngày 14)')}</label>
            <label><input type="radio" name="calendar" value="true" defaultChecked={chosen.calendar === 'true'} /> {t('Kỳ theo lịch')}</label>
          </fieldset>
          <label>{t('Phạm vi')}
            <select name="scope" defaultValue={chosen.scope} aria-label={t('Phạm vi')}>
              {agencies.map((a) => <option key={a.code} value={a.code}>{'\u00a0'.repeat(2 * Math.max(0, a.depth - (agencies[0]?.depth ?? 0)))}{a.name}</option>)}
            </select>
          </label>
          <label>{t('Cấp')}
            <select name="kind" defaultValue={chosen.kind}>
              {reportLevels.map((l) => <option key={l.key} value={l.key}>{t(l.label)}</option>)}
            </select>
          </label>
          <fieldset>
            <legend>{t('Cách tính theo cơ cấu tổ chức')}</legend>
            <label><input type="radio" name="view" value="as_was" defaultChecked={chosen.view !== 'as_is'} /> {t('Theo cơ cấu tại thời điểm phát sinh')}</label>
            <label><input type="radio" name="view" value="as_is" defaultChecked={chosen.view === 'as_is'} /> {t('Theo cơ cấu hiện nay')}</label>
          </fieldset>
          <fieldset>
            <legend>{t('Định dạng')}</legend>
            <label><input type="radio" name="format" value="xlsx" defaultChecked={chosen.format !== 'pdf'} /> Excel (.xlsx)</label>
            <label><input type="radio" name="format" value="pdf" defaultChecked={chosen.format === 'pdf'} /> PDF (A4)</label>
          </fieldset>
          <PendingSubmit label={t('Lập báo cáo')} pendingLabel={t('Đang lập báo cáo… Báo cáo năm của toàn Thành phố mất vài giây.')} />
        </form>
      ) : (
        <p className="note"><a href="/dang-nhap?next=%2Fbao-cao">{t('Đăng nhập')}</a> {t('để lập báo cáo mới.')}</p>
      )}

      {failing.length > 0 ? (
        <section aria-label={t('Báo cáo tự động chưa lập được')} className="note">
          <h2>{t('Báo cáo tự động chưa lập được')}</h2>
          <ul>
            {failing.map((f) => (
              <li key={f.report_id}>
                {periodText({ period_kind: f.period_kind, calendar: f.calendar, period_from: f.period_from, period_to: f.period_to }, t)} · {scopeText({ scope_name: nameOf(f.scope_code) ?? f.scope_code, agency_kind: f.agency_kind }, t)} · {f.format === 'pdf' ? 'PDF' : 'Excel'}:{' '}
                {t('lập không được lúc {at} ({n} lần), sẽ thử lại lúc {next}', { at: generatedText(f.failed_at), n: f.failures, next: generatedText(f.next_try_at) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2>{t('Báo cáo đã lập')}</h2>
      {problem ? <p role="alert" className="error">{problem}</p> : reports.length === 0 ? <p>{t('Chưa có báo cáo nào.')}</p> : (
        <ScrollTable label={t('Các báo cáo đã lập, mới nhất trước')}>
          <table className="breakdown reports">
            <caption className="sr-only">{t('Các báo cáo đã lập, mới nhất trước')}</caption>
            <thead><tr>
              <th scope="col">{t('Kỳ báo cáo')}</th><th scope="col">{t('Phạm vi')}</th><th scope="col">{t('Định dạng')}</th>
              <th scope="col">{t('Người yêu cầu')}</th><th scope="col">{t('Thời điểm lập')}</th><th scope="col">SHA-256</th><th scope="col">{t('Tệp')}</th>
            </tr></thead>
            <tbody>
              {listed.map((entry) => (
                <tr key={entry.id} aria-current={entry.id === fresh ? 'true' : undefined} data-report-id={entry.id}>
                  <th scope="row">{periodText(entry, t)}{entry.provisional
                    ? <> <strong className="provisional">{t('TẠM TÍNH')}</strong> <small>{t('số liệu đến {asOf}', { asOf: formatAsOf(entry.data_as_of) ?? '—' })}</small></>
                    : null}</th>
                  <td>{scopeText(entry, t)}{entry.view === 'as_is' ? ` (${t('theo cơ cấu hiện nay')})` : ''}</td>
                  <td>{entry.format === 'pdf' ? 'PDF' : 'Excel'}</td>
                  <td>{requesterText(entry, t)}{(copies.get(entry.sha256) ?? 1) > 1 ? <><br /><small>{t('cùng tệp, lập {n} lần', { n: copies.get(entry.sha256)! })}</small></> : null}</td>
                  <td>{generatedText(entry.generated_at)}</td>
                  <td><code title={entry.sha256}>{entry.sha256.slice(0, 12)}…</code></td>
                  <td><a href={`/bao-cao/${encodeURIComponent(entry.id)}/tai-ve`}>{t('Tải về')} ({sizeText(entry.size, lang)})</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </main>
  );
}
