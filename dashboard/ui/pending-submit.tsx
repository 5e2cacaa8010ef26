'use client';
// A submit button that says the report is being made once pressed: a yearly city report takes a few
// seconds, and a leader who sees nothing happen presses again.
import { useEffect, useRef, useState } from 'react';

export function PendingSubmit({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const button = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    const onSubmit = () => setPending(true);
    form.addEventListener('submit', onSubmit);
    // Back from the answer page (bfcache): the button is usable again.
    const onShow = () => setPending(false);
    window.addEventListener('pageshow', onShow);
    return () => {
      form.removeEventListener('submit', onSubmit);
      window.removeEventListener('pageshow', onShow);
    };
  }, []);
  return (
    <>
      <button ref={button} type="submit" disabled={pending} aria-disabled={pending}>{pending ? pendingLabel : label}</button>
      <p role="status" aria-live="polite" className="note">{pending ? pendingLabel : ''}</p>
    </>
  );
}
