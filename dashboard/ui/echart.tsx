'use client';
// The one ECharts wrapper: renders an option, follows its container's size, and carries a text
// description for screen readers.
import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';

export function EChart({ option, label, height = 320 }: { option: EChartsOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: EChartsOption): void; resize(): void; dispose(): void } | undefined;
    const observer = new ResizeObserver(() => chart?.resize());
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
      chart.setOption(option);
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
