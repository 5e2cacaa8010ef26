// GET /co-quan/{code}/cong-van-don-doc?format=docx|pdf — the draft chasing letter to the agency,
// made by the API as the signed-in person (audited there) and passed on unchanged.
import { fetchChasingLetter } from '@/lib/api';
import { agencyCodeOf } from '@/lib/params';
import { passThrough } from '@/lib/pass-through';

const passed = ['content-type', 'content-disposition', 'content-length'];

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const { code } = await params;
  const format = new URL(request.url).searchParams.get('format') === 'pdf' ? 'pdf' : 'docx';
  const answer = await fetchChasingLetter(agencyCodeOf(code), format);
  if (!answer.ok) {
    const message = answer.status === 401 ? 'Vui lòng đăng nhập để soạn công văn đôn đốc.'
      : answer.status === 403 ? 'Tài khoản của bạn không được xem danh sách văn bản của cơ quan này.'
      : answer.status === 404 ? 'Không có cơ quan với mã này.'
      : `Không soạn được công văn (mã ${answer.status}).`;
    return new Response(message, { status: answer.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return passThrough(answer, passed);
}
