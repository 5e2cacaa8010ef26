// The monthly trend of an agency's page: documents received and completed, the overdue backlog at
// each month's end, received in the same months a year earlier, and the on-time and online rates.
// A month cut short is marked as such (a lighter, hatched bar and "(đến ngày dd/mm)").
import type { Series } from '@/lib/api';
import { trendOption, trendPoints } from '@/lib/charts';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { EChart } from './echart';

export async function TrendChart({ series, lastYear, agency, from, to }: { series: Series; lastYear: Series | null; agency: string; from: string; to: string }) {
  const { t, lang } = await getT();
  const points = trendPoints(series, lastYear, t);
  const withLastYear = points.some((p) => p.receivedLastYear !== null);
  return (
    <section className="chart" aria-labelledby="trend-title" data-testid="trend">
      <h2 id="trend-title">{t('Diễn biến theo tháng')}</h2>
      <EChart
        label={t('Biểu đồ văn bản đến, đã giải quyết, quá hạn chưa xử lý, tỷ lệ đúng hạn và tỷ lệ xử lý trên hệ thống theo tháng, từ {from} đến {to}', { from: formatDate(from), to: formatDate(to) })}
        {...trendOption(points, t)}
        lang={lang}
        downloadText={t('Tải ảnh biểu đồ')}
        fileName={`xu-ly-van-ban-${agency}-${from}-${to}`}
      />
      {points.some((p) => p.partial) ? <p className="note">{t('Cột nhạt, gạch chéo: tháng chưa trọn (đến ngày số liệu hoặc bị kỳ báo cáo cắt ngắn), không so sánh trực tiếp với tháng đủ.')}</p> : null}
      {/* A table sized by its content ignores the 1px width of .sr-only; a div around it does not. */}
      <div className="sr-only">
        <table>
          <caption>{t('Số liệu theo tháng')}</caption>
          <thead>
            <tr>
              <th>{t('Tháng')}</th><th>{t('Văn bản đến')}</th><th>{t('Đã giải quyết')}</th><th>{t('Tỷ lệ đúng hạn')}</th><th>{t('Quá hạn chưa xử lý')}</th>
              {withLastYear ? <th>{t('Văn bản đến cùng kỳ năm trước')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {points.map((m) => (
              <tr key={m.label}>
                <td>{m.partial ? `${m.label} ${m.partial}` : m.label}</td><td>{formatCount(m.received, lang)}</td><td>{formatCount(m.completed, lang)}</td>
                <td>{formatPercent(m.onTimeRate, lang)}</td><td>{formatCount(m.openOverdue, lang)}</td>
                {withLastYear ? <td>{formatCount(m.receivedLastYear, lang)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
