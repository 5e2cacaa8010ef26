// Next.js starts hydrating as soon as its (async) scripts have run, which can be while the browser is
// still parsing the page: on a busy machine with the scripts already cached, the parser yields in the
// middle of the body, React walks a half-built DOM, throws a false "#418 hydration failed", discards
// the server's HTML and renders the page again on the client (react/react#37321, open); the sections
// that stream in after it then fail too. Waiting until the document is parsed costs little: the pages
// are server-rendered, their links and forms work before hydration, and on the streamed overview only
// the charts wait for the last section. next.config.mjs puts this in place of Next's own bootstrap.
import { appBootstrap as nextAppBootstrap } from 'next/dist/client/app-bootstrap.js';

export function appBootstrap(hydrate: () => void): void {
  nextAppBootstrap(() => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => hydrate(), { once: true });
    else hydrate();
  });
}
