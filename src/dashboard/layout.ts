// The page shell every dashboard page shares: title, navigation, the event-id search box,
// styles and the small client script (countdowns, live decisions).
import { html, trusted, type Html } from './html.js';

const STYLE = trusted(`
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{background:#1d2433;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
header input{padding:5px 8px;width:280px;border-radius:4px;border:0}
main{padding:16px 20px;max-width:1200px}
h1{font-size:20px;margin:6px 0 14px}
h2{font-size:16px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:8px}
th,td{border-bottom:1px solid #e3e6eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef0f4;font-weight:600}
code,pre{font:12px/1.4 ui-monospace,monospace}
pre{background:#fff;border:1px solid #e3e6eb;padding:8px;overflow:auto;max-height:420px}
.ok{color:#176b2c;font-weight:600}.bad{color:#b42318;font-weight:600}.warn{color:#9a5b00;font-weight:600}
.muted{color:#687083}
.reason{color:#b42318}
.graph{background:#fff;border:1px solid #e3e6eb;max-width:100%;height:auto}
.graph .node rect{fill:#eef4ff;stroke:#4a6fd1}
.graph .condition rect{fill:#fff7e6;stroke:#c98a00}
.graph .trigger rect{fill:#eafaf0;stroke:#2f9e55}
.graph .broken rect{fill:#fdecec;stroke:#b42318}
.graph .title{font-weight:600;font-size:13px}
.graph .sub,.graph .col{font-size:11px;fill:#687083}
.graph .edge{fill:none;stroke:#8a93a6;stroke-width:1.5}
.graph marker path{fill:#8a93a6}
`);

export function page(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · Eventide</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header>
          <a href="/">Eventide</a><a href="/">Sensors &amp; EventSources</a>
          <form action="/search" method="get" role="search">
            <input name="id" placeholder="search by event id" aria-label="event id" />
          </form>
        </header>
        <main>${body}</main>
        <script src="/dashboard.js"></script>
      </body>
    </html>`.text;
}
