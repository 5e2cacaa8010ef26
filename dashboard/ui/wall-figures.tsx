// The wall's six headline figures. Colour means state, on absolute rules only, always with words and
// a sign beside it (colour-blind safe: blue and orange; red only for a bad state):
// - the online rate against its Plan 222 target: met (blue) or missed (red), the one figure the
//   plan judges;
// - overdue documents: orange "needs chasing" when there are any. Not red: in a city of thousands of
//   documents some are always late, and an always-red tile stops being read; there is no target;
// - the rest (on-time rate, due soon, received, completed) have no target in Plan 222: neutral.
import type { WallSnapshot } from '@/app/man-hinh/wall-model';
import { fill } from '@/app/man-hinh/wall-model';
import type { WallTexts } from '@/app/man-hinh/wall-texts';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import type { Lang } from '@/lib/i18n';

type Tone = 'good' | 'warn' | 'bad' | 'neutral';
const signs: Record<Tone, string> = { good: '✓', warn: '▲', bad: '✕', neutral: '' };

interface Figure { id: string; label: string; value: string; note?: string; tone: Tone; toneText?: string }

function WallFigure({ figure }: { figure: Figure }) {
  return (
    <section className="wall-figure" data-figure={figure.id} data-tone={figure.tone} aria-label={figure.label}>
      <h2>{figure.label}</h2>
      <p className="wall-value">{figure.value}</p>
      {figure.note ? <p className="wall-note">{figure.note}</p> : null}
      {figure.toneText ? <p className="wall-tone"><span aria-hidden="true">{signs[figure.tone]} </span>{figure.toneText}</p> : null}
    </section>
  );
}

export function WallFigures({ snapshot, texts, lang }: { snapshot: WallSnapshot; texts: WallTexts; lang: Lang }) {
  const f = snapshot.figures;
  const count = (n: number) => formatCount(n, lang);
  const percent = (r: number | null) => formatPercent(r, lang);
  const online: Pick<Figure, 'tone' | 'toneText' | 'note'> = f.onlineMet === null
    ? { tone: 'neutral', note: texts.noTarget }
    : { tone: f.onlineMet ? 'good' : 'bad', toneText: f.onlineMet ? texts.met : texts.missed, note: fill(texts.target, { rate: percent(f.onlineTarget) }) };
  const figures: Figure[] = [
    { id: 'overdue', label: texts.overdue, value: count(f.overdue), note: fill(texts.onDate, { date: formatDate(snapshot.period.asOf) }),
      tone: f.overdue > 0 ? 'warn' : 'good', toneText: f.overdue > 0 ? texts.needsChasing : texts.noneOverdue },
    { id: 'on-time-rate', label: texts.onTimeRate, value: percent(f.onTimeRate), note: fill(texts.completedLate, { n: count(f.completedLate) }), tone: 'neutral' },
    { id: 'due-soon', label: texts.dueSoon, value: count(f.dueSoon), note: fill(texts.onDate, { date: formatDate(snapshot.period.asOf) }), tone: 'neutral' },
    { id: 'online-rate', label: texts.onlineRate, value: percent(f.onlineRate), ...online },
    { id: 'received', label: texts.received, value: count(f.received), tone: 'neutral' },
    { id: 'completed', label: texts.completed, value: count(f.completed), tone: 'neutral' },
  ];
  return <div className="wall-figures">{figures.map((figure) => <WallFigure key={figure.id} figure={figure} />)}</div>;
}
