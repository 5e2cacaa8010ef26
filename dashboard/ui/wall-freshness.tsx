'use client';
// How old the wall's figures are, ticking every second on the wall's own timer (no request): the
// data's time (data_as_of), its age, and an alarm in words and in red when the feed is stale or lost.
// The first render uses the server's time of the answer, a prop, so the server's HTML and the
// browser's first render agree (no hydration error); the clock only starts once mounted.
import { useEffect, useState } from 'react';
import { ageUnit, dataAge, feedState, fill } from '@/app/man-hinh/wall-model';
import type { WallTexts } from '@/app/man-hinh/wall-texts';
import { formatAsOf, formatCount } from '@/lib/format';
import type { Lang } from '@/lib/i18n';

interface Props {
  dataAsOf: string | null;
  /** The server's clock of the answer shown: the first render's "now". */
  servedAt: number;
  /** Server clock minus this browser's clock (ms): the age is counted on the server's time. */
  skew: number;
  staleMinutes: number;
  failure: string | null;
  texts: WallTexts;
  lang: Lang;
}

const ageTexts = { seconds: 'ageSeconds', minutes: 'ageMinutes', hours: 'ageHours', days: 'ageDays' } as const;

export function WallFreshness({ dataAsOf, servedAt, skew, staleMinutes, failure, texts, lang }: Props) {
  const [now, setNow] = useState(servedAt);
  useEffect(() => {
    const tick = () => setNow(Date.now() + skew);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [skew]);
  const age = dataAge(dataAsOf, now);
  const state = feedState(age, staleMinutes, failure !== null);
  const unit = age === null ? null : ageUnit(age);
  const alarm = state === 'offline' ? texts.offline : state === 'stale' && dataAsOf ? fill(texts.stale, { n: formatCount(staleMinutes, lang) }) : null;
  return (
    <p className="wall-freshness" data-state={state} data-testid="wall-freshness" title={failure ?? undefined}>
      {alarm ? <strong className="wall-alarm" data-part="alarm"><span aria-hidden="true">⚠ </span>{alarm}</strong> : null}
      {dataAsOf ? <span data-part="as-of">{fill(texts.asOf, { asOf: formatAsOf(dataAsOf) ?? '' })}</span> : <span data-part="as-of">{texts.noData}</span>}
      {unit ? <span data-part="age" data-age-ms={age ?? undefined}>{fill(texts[ageTexts[unit.unit]], { n: formatCount(unit.n, lang) })}</span> : null}
    </p>
  );
}
