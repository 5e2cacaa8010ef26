// The children of an agency, grouped by kind, with the rank the API gives them (a child ranks only
// when its on-time rate rests on enough documents) and a link to drill down.
import type { BreakdownRow } from '@/lib/api';
import { formatCount, formatPercent } from '@/lib/format';
import { kindLabels, kindOrder } from '@/lib/kinds';

export function BreakdownTable({ rows, query, minVolume }: { rows: BreakdownRow[]; query: string; minVolume: number }) {
  const kinds = kindOrder.filter((kind) => rows.some((row) => row.agency.kind === kind));
  return (
    <>
      {kinds.map((kind) => (
        <section key={kind} className="chart" aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{kindLabels[kind]} ({rows.filter((r) => r.agency.kind === kind).length})</h2>
          <div className="table-scroll">
            <table className="breakdown">
              <caption className="sr-only">{kindLabels[kind]}: xếp hạng theo tỷ lệ giải quyết đúng hạn (chỉ xếp hạng khi có từ {minVolume} văn bản)</caption>
              <thead>
                <tr>
                  <th scope="col">Hạng</th>
                  <th scope="col">Cơ quan, đơn vị</th>
                  <th scope="col">Văn bản đến</th>
                  <th scope="col">Đã giải quyết</th>
                  <th scope="col">Tỷ lệ đúng hạn</th>
                  <th scope="col">Quá hạn chưa xử lý</th>
                  <th scope="col">Xử lý trên hệ thống</th>
                </tr>
              </thead>
              <tbody>
                {rows.filter((row) => row.agency.kind === kind).map((row) => (
                  <tr key={row.agency.code}>
                    <td>{row.rank ?? <span title={`Chưa đủ ${minVolume} văn bản để xếp hạng`}>—</span>}</td>
                    <th scope="row"><a href={`/co-quan/${encodeURIComponent(row.agency.code)}${query}`}>{row.agency.name}</a>{row.agency.ended ? <span className="tag">đã giải thể/sáp nhập</span> : null}</th>
                    <td>{formatCount(row.kpis.incoming.received)}</td>
                    <td>{formatCount(row.kpis.incoming.completed)}</td>
                    <td>{formatPercent(row.kpis.incoming.on_time_rate)}</td>
                    <td>{formatCount(row.kpis.incoming.open_overdue)}</td>
                    <td>{formatPercent(row.kpis.incoming.online_rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
