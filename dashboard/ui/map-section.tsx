// Where the documents are stuck, on a map: the districts (before 2025-07-01) as a choropleth of one
// KPI, and the 126 communes of 2025, which have no published outlines yet, as tiles grouped by the
// district their first predecessor belonged to. Every district and tile opens the agency's page.
import type { AgencyNode, BreakdownRow } from '@/lib/api';
import { ApiError, fetchTree } from '@/lib/api';
import { formatCount, formatPercent } from '@/lib/format';
import { getT, type Lang } from '@/lib/i18n';
import { legendScale, mapMetric, mapMetrics, rowBin, type MapMetric } from '@/lib/map-metrics';
import { swatches } from '@/lib/scales';
import { DistrictMap } from './district-map';
import { ScaleLegend } from './scale-legend';
import '../app/charts.css';

/** The day before the 2025 reform: the last structure with districts and the old communes. */
const lastDayWithDistricts = '2025-06-30';

const display = (metric: MapMetric, value: number | null, lang: Lang) => (metric.percent ? formatPercent(value, lang) : formatCount(value, lang));

export async function MapSection({ rows, treeOfFrom, query, path, metricKey }: {
  rows: BreakdownRow[]; treeOfFrom: AgencyNode[]; query: string; path: string; metricKey: unknown;
}) {
  const metric = mapMetric(metricKey);
  const { t, lang } = await getT();
  const metricLabel = t(metric.label);
  const districts = rows.filter((r) => r.agency.kind === 'district');
  const communes = rows.filter((r) => r.agency.kind === 'commune' && !r.agency.ended);
  if (districts.length === 0 && communes.length === 0) return null;
  const href = (row: BreakdownRow) => `/co-quan/${encodeURIComponent(row.agency.code)}${query}`;
  const adminCodes = new Map(treeOfFrom.map((a) => [a.code, a.admin_unit_code]));

  let groups: { district: string; tiles: BreakdownRow[] }[] = [];
  if (communes.length > 0) {
    const trees = await Promise.all([fetchTree(lastDayWithDistricts, 'as_is'), fetchTree(lastDayWithDistricts)])
      .catch((error: unknown) => { if (error instanceof ApiError) return error; throw error; });
    // Said where the map would be; thrown, it replaced the whole page with Next's error.
    if (trees instanceof ApiError) return <p role="alert" className="error">{t(trees.message)}</p>;
    const [today, before] = trees;
    const current = new Map(today.agencies.map((a) => [a.code, a]));
    const old = new Map(before.agencies.map((a) => [a.code, a]));
    const originOf = (code: string) => {
      const first = current.get(code)?.predecessors[0];
      const district = first ? old.get(old.get(first)?.parent_code ?? '') : undefined;
      return district?.name.replace(/^UBND /, '') ?? t('Không rõ nguồn gốc');
    };
    const byDistrict = new Map<string, BreakdownRow[]>();
    for (const row of communes) byDistrict.set(originOf(row.agency.code), [...(byDistrict.get(originOf(row.agency.code)) ?? []), row]);
    groups = [...byDistrict].map(([district, tiles]) => ({ district, tiles })).sort((a, b) => a.district.localeCompare(b.district, 'vi'));
  }
  // One scale for the district map and the tiles, on fixed thresholds (lib/scales.ts).
  const { scale, mixedTargets } = legendScale(metric, [...districts, ...communes], t, lang);
  const colour = (row: BreakdownRow) => { const bin = rowBin(metric, row, t, lang); return { bin, ...swatches[bin.tone] }; };
  const metricLink = (key: string) => `${path}${query}&map=${key}#ban-do`;

  return (
    <section className="chart" id="ban-do" aria-labelledby="map-title">
      <h2 id="map-title">{t('Bản đồ: {metric}', { metric: metricLabel.toLowerCase() })}</h2>
      <nav className="filters compact" aria-label={t('Chỉ tiêu tô màu trên bản đồ')}>
        {mapMetrics.map((m) => <a key={m.key} href={metricLink(m.key)} aria-current={m.key === metric.key ? 'true' : undefined}>{t(m.label)}</a>)}
      </nav>
      <ScaleLegend scale={scale} title={t('Chú giải: {metric}', { metric: metricLabel.toLowerCase() })}
        note={mixedTargets ? t('Mỗi cơ quan được so với chỉ tiêu của cấp mình.') : undefined} />
      {districts.length > 0 ? (
        <DistrictMap
          label={t('Bản đồ các quận, huyện, thị xã tô màu theo {metric}; bấm vào một quận, huyện để xem chi tiết (danh sách đầy đủ ở bảng bên dưới)', { metric: metricLabel.toLowerCase() })}
          metricLabel={metricLabel}
          noData={swatches.none.fill}
          loadingText={t('Đang tải bản đồ…')}
          failedText={t('Không tải được bản đồ các quận, huyện. Số liệu của từng quận, huyện có ở bảng bên dưới.')}
          districts={districts.map((row) => {
            const { bin, fill } = colour(row);
            return { adminCode: adminCodes.get(row.agency.code) ?? '', name: row.agency.name, value: metric.value(row), display: display(metric, metric.value(row), lang), href: href(row), fill, level: bin.label };
          })}
        />
      ) : null}
      {groups.length > 0 ? (
        <>
          <p className="note">{t('Xã, phường mới (từ 01/07/2025) chưa có bản đồ ranh giới: mỗi ô là một xã, phường, xếp theo quận, huyện cũ của đơn vị đầu tiên hợp thành.')}</p>
          <div className="tile-groups">
            {groups.map((group) => (
              <section key={group.district} className="tile-group" aria-label={group.district}>
                <h3>{group.district}</h3>
                <ul>
                  {group.tiles.map((row) => {
                    const { bin, fill, ink } = colour(row);
                    return (
                      <li key={row.agency.code}>
                        <a href={href(row)} className={`tile tone-${bin.tone}`} style={{ background: fill, color: ink }} data-tone={bin.tone}
                          title={`${row.agency.name}: ${display(metric, metric.value(row), lang)} (${bin.label})`}>
                          <span>{row.agency.name.replace(/^UBND /, '')}</span>
                          <strong>{display(metric, metric.value(row), lang)}</strong>
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
