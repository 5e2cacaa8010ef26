'use client';
// When even the portal's frame fails (app/layout.tsx): the same sentence as app/error.tsx, in a page
// of its own, since the layout that would hold it is what failed.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="vi">
      <body>
        <main style={{ maxWidth: '40rem', margin: '2rem auto', padding: '0 1rem', fontFamily: 'system-ui, sans-serif' }}>
          <h1>Không tải được trang</h1>
          <p role="alert">Đã xảy ra lỗi khi tải cổng thông tin. Vui lòng thử lại sau ít phút.</p>
          <p><button type="button" onClick={() => reset()}>Thử lại</button> · <a href="/">Về trang tổng quan</a></p>
        </main>
      </body>
    </html>
  );
}
