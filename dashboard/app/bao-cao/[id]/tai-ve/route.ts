// GET /bao-cao/{id}/tai-ve — an archived report, downloaded as the signed-in person: the API's bytes
// and headers (type, file name, ETag = SHA-256, Repr-Digest) passed on unchanged.
import { fetchReportFile } from '@/lib/api';
import { passThrough } from '@/lib/pass-through';

const passed = ['content-type', 'content-disposition', 'content-length', 'etag', 'repr-digest', 'cache-control'];

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const answer = await fetchReportFile(id);
  if (!answer.ok) {
    const message = answer.status === 404 ? 'Không tìm thấy báo cáo này trong kho lưu trữ của cơ quan bạn.' : `Không tải được báo cáo (mã ${answer.status}).`;
    return new Response(message, { status: answer.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return passThrough(answer, passed);
}
