'use client';
// The IOC wall's feed: asks /man-hinh/so-lieu every few seconds with the ETag it holds, so an
// unchanged answer is a 304 and the screen stays exactly as it is. One request at a time (the next is
// timed from the end of the last), so a slow server is never asked twice at once.
import { useEffect, useRef } from 'react';
import { wallVersion, type WallSnapshot } from '@/app/man-hinh/wall-model';

export type PollOutcome =
  | { kind: 'changed'; snapshot: WallSnapshot; receivedAt: number }
  | { kind: 'unchanged'; receivedAt: number }
  /** reason: the portal's sentence (in the page's language); null when there is none (the portal not reached). */
  | { kind: 'failed'; reason: string | null };

async function pollOnce(etag: string | null): Promise<PollOutcome & { etag?: string | null }> {
  try {
    const response = await fetch('/man-hinh/so-lieu', { cache: 'no-store', headers: etag ? { 'if-none-match': etag } : {} });
    if (response.status === 304) return { kind: 'unchanged', receivedAt: Date.now() };
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const reason = (body as { error?: { message?: string } } | null)?.error?.message;
      return { kind: 'failed', reason: reason ?? null };
    }
    return { kind: 'changed', snapshot: body as WallSnapshot, receivedAt: Date.now(), etag: response.headers.get('etag') };
  } catch {
    // The browser's own words ("Failed to fetch") are English and say nothing more than the alarm.
    return { kind: 'failed', reason: null };
  }
}

export function useWallPolling(seconds: number, firstEtag: string | null, onOutcome: (outcome: PollOutcome) => void): void {
  const handler = useRef(onOutcome);
  useEffect(() => { handler.current = onOutcome; }, [onOutcome]);
  useEffect(() => {
    let etag = firstEtag;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const outcome = await pollOnce(etag);
      if (stopped) return;
      if (outcome.kind === 'changed') {
        // A wall left open across a deployment whose answer changed shape: one reload takes the new page.
        if (outcome.snapshot.version !== wallVersion) return window.location.reload();
        etag = outcome.etag ?? null;
      }
      handler.current(outcome);
      timer = setTimeout(poll, seconds * 1000);
    };
    timer = setTimeout(poll, seconds * 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [seconds, firstEtag]);
}
