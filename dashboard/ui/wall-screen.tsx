'use client';
// The IOC wall as one client component: it holds the latest answer and swaps it in place when the
// feed brings a new one (React updates the changed text only: no reload, no flash); a lost feed
// keeps the last figures on screen and says so.
import { useCallback, useEffect, useState } from 'react';
import { fill, type WallSettings, type WallSnapshot } from '@/app/man-hinh/wall-model';
import type { WallTexts } from '@/app/man-hinh/wall-texts';
import { formatCount, formatDate } from '@/lib/format';
import type { Lang } from '@/lib/i18n';
import { WallFigures } from './wall-figures';
import { WallFreshness } from './wall-freshness';
import { WallOverdue } from './wall-overdue';
import { useWallPolling, type PollOutcome } from './wall-polling';
import { WallStatus } from './wall-status';

interface Props {
  first: WallSnapshot | null;
  firstEtag: string | null;
  /** Why the first answer could not be had (the wall then starts empty and keeps asking). */
  firstFailure: string | null;
  /** The server's clock when it rendered the page. */
  renderedAt: number;
  top: number;
  settings: WallSettings;
  texts: WallTexts;
  lang: Lang;
}

export function WallScreen({ first, firstEtag, firstFailure, renderedAt, top, settings, texts, lang }: Props) {
  const [snapshot, setSnapshot] = useState(first);
  const [failure, setFailure] = useState(firstFailure);
  const [skew, setSkew] = useState(0);
  // Once mounted: the server's clock against this one (a wall PC's clock may be off by minutes).
  useEffect(() => setSkew(renderedAt - Date.now()), [renderedAt]);
  const onOutcome = useCallback((outcome: PollOutcome) => {
    if (outcome.kind === 'failed') return setFailure(outcome.reason ?? texts.offline);
    setFailure(null);
    if (outcome.kind === 'changed') {
      setSnapshot(outcome.snapshot);
      setSkew(outcome.snapshot.servedAt - outcome.receivedAt);
    }
  }, [texts.offline]);
  useWallPolling(settings.pollSeconds, firstEtag, onOutcome);
  return (
    <main className="wall" id="noi-dung" data-testid="wall">
      <header className="wall-top">
        <h1>{texts.title}</h1>
        {snapshot ? <p className="wall-period">{fill(texts.period, { from: formatDate(snapshot.period.from), to: formatDate(snapshot.period.to) })}</p> : null}
        <WallFreshness dataAsOf={snapshot?.dataAsOf ?? null} servedAt={snapshot?.servedAt ?? renderedAt} skew={skew}
          staleMinutes={settings.staleMinutes} failure={failure} texts={texts} lang={lang} />
      </header>
      {snapshot ? (
        <div className="wall-body">
          <div className="wall-main">
            <WallFigures snapshot={snapshot} texts={texts} lang={lang} />
            <WallStatus snapshot={snapshot} texts={texts} lang={lang} />
          </div>
          <WallOverdue snapshot={snapshot} top={top} texts={texts} lang={lang} />
        </div>
      ) : <div className="wall-body wall-empty"><p>{texts.noData}</p></div>}
      <footer className="wall-foot">{fill(texts.refresh, { n: formatCount(settings.pollSeconds, lang) })}</footer>
    </main>
  );
}
