'use client';
// What a page shows when something on it fails that the page itself did not catch: a sentence in
// Vietnamese under the portal's colours and the ways on, never Next's English "Application error".
// A client component (Next's error boundary); the portal's header needs the server, so it is not here.
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="noi-dung" className="page">
      <h1>Không tải được trang</h1>
      <p role="alert" className="error">Đã xảy ra lỗi khi tải số liệu của trang này. Vui lòng thử lại sau ít phút.</p>
      <p>
        <button type="button" onClick={() => reset()}>Thử lại</button> · <a href="/">Về trang tổng quan</a> · <a href="/xep-hang">Xếp hạng</a>
      </p>
    </main>
  );
}
