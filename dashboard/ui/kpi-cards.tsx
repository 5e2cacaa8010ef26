// The headline figures of a KPI summary, with the Plan 222 target where one applies.
import type { KpiSummary } from '@/lib/api';
import { formatCount, formatDate, formatDays, formatPercent } from '@/lib/format';
import { KpiCard } from './kpi-card';

export function KpiCards({ summary }: { summary: KpiSummary }) {
  const { incoming, outgoing, work_files: files, adoption, target } = summary;
  return (
    <div className="cards">
      <KpiCard label="Văn bản đến" value={formatCount(incoming.received)} note={`${formatCount(incoming.returned)} văn bản trả lại`} />
      <KpiCard label="Đã giải quyết" value={formatCount(incoming.completed)} note={`${formatCount(incoming.completed_late)} quá hạn khi giải quyết`} />
      <KpiCard label="Tỷ lệ giải quyết đúng hạn" value={formatPercent(incoming.on_time_rate)} />
      <KpiCard label="Quá hạn chưa xử lý" value={formatCount(incoming.open_overdue)} note={`đến ngày ${formatDate(summary.period.as_of)}`} />
      <KpiCard label="Đang xử lý trong hạn" value={formatCount(incoming.open_on_time)} />
      <KpiCard
        label="Tỷ lệ xử lý trên hệ thống"
        value={formatPercent(incoming.online_rate)}
        note={target.online_rate === null ? 'Kỳ này chưa có chỉ tiêu' : `Chỉ tiêu Kế hoạch 222: ${formatPercent(target.online_rate)}`}
        status={target.met === null ? undefined : target.met ? 'met' : 'missed'}
      />
      <KpiCard label="Thời gian xử lý trung vị" value={formatDays(incoming.processing_days.median)} note={`90% xong trong ${formatDays(incoming.processing_days.p90)} làm việc`} />
      <KpiCard label="Văn bản đi đã ban hành" value={formatCount(outgoing.issued)} />
      <KpiCard label="Tỷ lệ ký số" value={formatPercent(outgoing.digitally_signed_rate)} />
      <KpiCard label="Tỷ lệ gửi điện tử" value={formatPercent(outgoing.electronic_dispatch_rate)} />
      <KpiCard label="Hồ sơ công việc điện tử" value={formatPercent(files.electronic_rate)} note={`${formatCount(files.opened)} hồ sơ mở trong kỳ`} />
      <KpiCard label="Tỷ lệ cơ quan sử dụng hệ thống" value={formatPercent(adoption.adoption_rate)} note={`${formatCount(adoption.active)}/${formatCount(adoption.agencies)} cơ quan`} />
    </div>
  );
}
