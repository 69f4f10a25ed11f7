import { html, type SafeHtml } from './html';

/** Who is signed in, as the header shows it. */
export interface PageUser {
  username: string;
  role: 'admin' | 'leader';
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** The signed-in user: the header then links to the dashboard and offers to sign out. */
  user?: PageUser | undefined;
  /** A narrow column (the submission page, the login form). */
  narrow?: boolean;
  /** Scripts of ours to load at the end of the body (paths under /tai-nguyen/). */
  scripts?: string[];
}

const ROLE_NAMES = { admin: 'cán bộ Sở Nội vụ', leader: 'lãnh đạo' } as const;

/**
 * The frame of every page: Vietnamese, a viewport for phones, a skip link, the header (with the user and "Đăng
 * xuất" when signed in) and the main landmark. The stylesheet is one file served from /tai-nguyen/dondoc.css.
 */
export function page({ title, body, user, narrow, scripts = [] }: PageOptions): string {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — Đôn đốc</title>
        <link rel="stylesheet" href="/tai-nguyen/dondoc.css" />
      </head>
      <body>
        <a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
        <header class="site-header">
          <a class="brand" href="${user ? '/theo-doi' : '/'}">Đôn đốc</a>
          ${user &&
          html`<nav aria-label="Tài khoản">
            <a href="/theo-doi">Theo dõi báo cáo</a>
            <span>${user.username} (${ROLE_NAMES[user.role]})</span>
            <form method="post" action="/dang-xuat"><button class="link-button" type="submit">Đăng xuất</button></form>
          </nav>`}
        </header>
        <main id="noi-dung" class="${narrow ? 'narrow' : ''}" tabindex="-1">${body}</main>
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </body>
    </html> `.value;
}
