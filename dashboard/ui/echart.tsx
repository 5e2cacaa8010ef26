'use client';
// The one ECharts wrapper: renders an option, follows its container's size, carries a text
// description for screen readers, and offers the chart as an image file.
import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';

interface Chart { setOption(o: EChartsOption): void; resize(): void; dispose(): void; getDataURL(o: { type: 'svg' }): string }

export function EChart({ option, label, fileName, downloadText, height = 320 }: { option: EChartsOption; label: string; fileName: string; downloadText: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  useEffect(() => {
    let disposed = false;
    const observer = new ResizeObserver(() => chart.current?.resize());
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      chart.current = echarts.init(ref.current, undefined, { renderer: 'svg' }) as unknown as Chart;
      chart.current.setOption(option);
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [option]);
  const download = () => {
    if (!chart.current) return;
    const link = document.createElement('a');
    link.href = chart.current.getDataURL({ type: 'svg' });
    link.download = `${fileName}.svg`;
    link.click();
  };
  return (
    <>
      <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />
      <button type="button" className="download" onClick={download}>{downloadText}</button>
    </>
  );
}
