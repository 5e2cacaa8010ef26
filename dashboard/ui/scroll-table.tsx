// A table that may be wider than a phone scrolls sideways in its own box; the box can take the
// keyboard focus and is named, so a keyboard user can scroll it too (WCAG 2.1.1, axe's
// "scrollable-region-focusable").
import type { ReactNode } from 'react';

export function ScrollTable({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return <div className={`table-scroll ${className ?? ''}`.trim()} tabIndex={0} role="region" aria-label={label}>{children}</div>;
}
