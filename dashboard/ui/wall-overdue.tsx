// The agencies holding the most overdue documents (lib/rows.ts: the overview's list, ten long here),
// then one line for all the others and the total, so the list adds up to the overdue figure.
import type { WallSnapshot } from '@/app/man-hinh/wall-model';
import { fill } from '@/app/man-hinh/wall-model';
import type { WallTexts } from '@/app/man-hinh/wall-texts';
import { formatCount } from '@/lib/format';
import type { Lang } from '@/lib/i18n';

export function WallOverdue({ snapshot, top, texts, lang }: { snapshot: WallSnapshot; top: number; texts: WallTexts; lang: Lang }) {
  const { rows, others, otherRows, total } = snapshot.backlog;
  const count = (n: number) => formatCount(n, lang);
  const largest = rows[0]?.overdue ?? 0;
  return (
    <section className="wall-overdue" aria-labelledby="wall-overdue-title" data-testid="wall-overdue">
      <h2 id="wall-overdue-title">{fill(texts.topOverdue, { n: count(top) })}</h2>
      {rows.length === 0 ? <p className="wall-note">{texts.noneOverdueAgencies}</p> : (
        <ol style={{ gridTemplateRows: `repeat(${top}, minmax(0, 1fr))` }}>
          {rows.map((row) => (
            <li key={row.code} data-code={row.code} data-overdue={row.overdue}>
              <span className="wall-agency" title={row.name}>{row.name}</span>
              <span className="wall-meter" aria-hidden="true"><span style={{ width: `${(100 * row.overdue) / largest}%` }} /></span>
              <strong>{count(row.overdue)}</strong>
            </li>
          ))}
        </ol>
      )}
      {otherRows > 0 ? <p className="wall-note" data-testid="wall-overdue-others" data-overdue={others}>{fill(texts.otherAgencies, { rows: count(otherRows), n: count(others) })}</p> : null}
      <p className="wall-total" data-testid="wall-overdue-total" data-overdue={total}>{fill(texts.total, { n: count(total) })}</p>
    </section>
  );
}
