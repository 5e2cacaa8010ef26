// The rows of an agency's breakdown: its children grouped by kind, with their rank in the city-wide
// ranking of their kind (the one /xep-hang shows; a child ranks only when its on-time rate rests on
// enough documents) and a link to drill down; then the agency's own register and the agencies
// dissolved or merged, so that every table adds up to the agency's figures. One rank per kind
// everywhere: without the city-wide ranks (a person who may not read them) or for a kind that is not
// ranked city-wide, no rank is shown rather than a rank among siblings that /xep-hang would contradict.
import type { BreakdownRow } from '@/lib/api';
import { formatCount, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { kindLabels, kindOrder } from '@/lib/kinds';
import { minVolume, rankingKinds } from '@/lib/rankings';
import { heldNames, rowHref, rowLabel } from '@/lib/rows';
import { ScrollTable } from './scroll-table';

export async function BreakdownTable({ rows: all, query, ranks }: { rows: BreakdownRow[]; query: string; ranks?: Map<string, number | null> }) {
  const { t, lang } = await getT();
  const rows = all.filter((row) => row.row !== 'own' && row.row !== 'rest');
  const extra = all.filter((row) => row.row === 'own' || row.row === 'rest');
  const rankOf = (row: BreakdownRow) => ranks?.get(row.agency.code) ?? null;
  const ranked = (kind: string) => ranks !== undefined && (rankingKinds as readonly string[]).includes(kind);
  const kinds = kindOrder.filter((kind) => rows.some((row) => row.agency.kind === kind));
  // The same five figures, in the same order, in the children's tables and the own/dissolved one.
  const figureHeads = (
    <>
      <th scope="col">{t('Văn bản đến')}</th>
      <th scope="col">{t('Đã giải quyết')}</th>
      <th scope="col">{t('Tỷ lệ đúng hạn')}</th>
      <th scope="col">{t('Quá hạn chưa xử lý')}</th>
      <th scope="col">{t('Xử lý trên hệ thống')}</th>
    </>
  );
  const figureCells = (row: BreakdownRow) => (
    <>
      <td>{formatCount(row.kpis.incoming.received, lang)}</td>
      <td>{formatCount(row.kpis.incoming.completed, lang)}</td>
      <td>{formatPercent(row.kpis.incoming.on_time_rate, lang)}</td>
      <td>{formatCount(row.kpis.incoming.open_overdue, lang)}</td>
      <td>{formatPercent(row.kpis.incoming.online_rate, lang)}</td>
    </>
  );
  return (
    <>
      {kinds.map((kind) => (
        <section key={kind} className="chart" aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{t(kindLabels[kind]!)} ({rows.filter((r) => r.agency.kind === kind).length})</h2>
          <ScrollTable label={t('Bảng số liệu: {name}', { name: t(kindLabels[kind]!) })}>
            <table className="breakdown">
              <caption className="sr-only">{ranked(kind)
                ? t('{kind}: xếp hạng theo tỷ lệ giải quyết đúng hạn (chỉ xếp hạng khi có từ {n} văn bản)', { kind: t(kindLabels[kind]!), n: minVolume })
                : t(kindLabels[kind]!)}</caption>
              <thead>
                <tr>
                  {ranked(kind) ? <th scope="col">{t('Hạng')}</th> : null}
                  <th scope="col">{t('Cơ quan, đơn vị')}</th>
                  {figureHeads}
                </tr>
              </thead>
              <tbody>
                {rows.filter((row) => row.agency.kind === kind).map((row) => (
                  <tr key={row.agency.code}>
                    {ranked(kind) ? <td>{rankOf(row) ?? <span title={t('Chưa đủ {n} văn bản để xếp hạng', { n: minVolume })}>—</span>}</td> : null}
                    <th scope="row"><a href={`/co-quan/${encodeURIComponent(row.agency.code)}${query}`}>{row.agency.name}</a>{row.agency.ended ? <span className="tag">{t('đã giải thể/sáp nhập')}</span> : null}</th>
                    {figureCells(row)}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ))}
      {extra.length > 0 ? (
        <section className="chart" aria-labelledby="kind-extra" data-testid="own-and-dissolved">
          <h2 id="kind-extra">{t('Văn bản của chính cơ quan và của cơ quan đã giải thể, sáp nhập')}</h2>
          <ScrollTable label={t('Bảng số liệu: {name}', { name: t('Văn bản của chính cơ quan và của cơ quan đã giải thể, sáp nhập') })}>
            <table className="breakdown">
              <caption className="sr-only">{t('Các dòng không thuộc cơ quan cấp dưới nào, để các bảng cộng lại đúng bằng số liệu của cơ quan')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Cơ quan, đơn vị')}</th>
                  {figureHeads}
                </tr>
              </thead>
              <tbody>
                {extra.map((row) => {
                  const href = rowHref(row, query);
                  return (
                    <tr key={`${row.row}:${row.agency.code}`} title={heldNames(row)}>
                      <th scope="row">{href ? <a href={href}>{rowLabel(row, t)}</a> : rowLabel(row, t)}</th>
                      {figureCells(row)}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ) : null}
    </>
  );
}
