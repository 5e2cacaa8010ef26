// The five status buckets (lib/status-buckets.ts, the agency page's own) as one bar across the
// wall, each with its name and count in the legend, so no colour has to be told apart to be read.
import type { WallSnapshot } from '@/app/man-hinh/wall-model';
import { fill } from '@/app/man-hinh/wall-model';
import type { WallTexts } from '@/app/man-hinh/wall-texts';
import { formatCount, formatDate } from '@/lib/format';
import type { Lang } from '@/lib/i18n';

export function WallStatus({ snapshot, texts, lang }: { snapshot: WallSnapshot; texts: WallTexts; lang: Lang }) {
  const { buckets } = snapshot;
  const count = (n: number) => formatCount(n, lang);
  const total = buckets.reduce((sum, b) => sum + b.value, 0);
  return (
    <section className="wall-status" aria-labelledby="wall-status-title" data-testid="wall-status">
      <h2 id="wall-status-title">{fill(texts.status, { date: formatDate(snapshot.period.asOf) })}</h2>
      {total > 0 ? (
        <div className="wall-bar" role="img" aria-label={buckets.map((b) => `${b.label}: ${count(b.value)}`).join('; ')}>
          {buckets.filter((b) => b.value > 0).map((b) => <span key={b.key} className={`wall-bucket-${b.key}`} style={{ flexGrow: b.value }} />)}
        </div>
      ) : <p className="wall-note">{texts.noDocuments}</p>}
      <ul className="wall-legend">
        {buckets.map((b) => (
          <li key={b.key} data-bucket={b.key} data-value={b.value}>
            <span className={`wall-swatch wall-bucket-${b.key}`} aria-hidden="true" />{b.label}: <strong>{count(b.value)}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
