// A figure with its label and, where Plan 222 sets one, the target and whether it is met; `children`
// add lines under it (a rate per working day, its changes).
import type { ReactNode } from 'react';

export function KpiCard({ label, value, note, status, statusText, children }: {
  label: string; value: string; note?: string; status?: 'met' | 'missed'; statusText?: string; children?: ReactNode;
}) {
  return (
    <section className={`card ${status ?? ''}`} aria-label={label}>
      <h3>{label}</h3>
      <p className="value">{value}</p>
      {note ? <p className="note">{note}</p> : null}
      {status ? <p className={`badge ${status}`}>{statusText}</p> : null}
      {children}
    </section>
  );
}
