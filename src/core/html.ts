// HTML for browsers on routes that answer JSON to API clients: content negotiation and a page shell.

/** The quality an Accept header gives a media type (exact type, then type/*, then * / *). */
function quality(accept: string, type: string): number {
  const [major] = type.split('/');
  let best = -1;
  let q = 0;
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const specificity = range === type ? 3 : range === `${major}/*` ? 2 : range === '*/*' ? 1 : 0;
    if (specificity <= best || specificity === 0) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    best = specificity;
    q = qp ? Number(qp.slice(2)) || 0 : 1;
  }
  return q;
}

/** True when the client prefers text/html to JSON (a browser); ties and no Accept header stay JSON. */
export function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = quality(accept, 'text/html');
  return html > 0 && html > quality(accept, 'application/json');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f7fa;color:#1c2430}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem}dl{display:grid;grid-template-columns:minmax(7rem,12rem) 1fr;gap:.4rem 1rem}
dt{font-weight:600;color:#5b6676}dd{margin:0}img{max-width:100%;border:1px solid #d5dbe3;background:#fff}
fieldset{border:1px solid #d5dbe3;border-radius:8px;margin:1rem 0}label{display:block;margin:.5rem 0}
input,textarea,button{font:inherit}input[type=email],textarea{width:100%;padding:.4rem}button{padding:.5rem 1rem;background:#0b5cad;color:#fff;border:0;border-radius:6px}
.scores{display:flex;flex-wrap:wrap;gap:.3rem}.scores label{display:inline-flex;gap:.2rem;margin:0}[role=alert]{color:#b3261e;font-weight:600}[role=status]{color:#2e7d32;font-weight:600}
@media (max-width:480px){dl{grid-template-columns:1fr}}`;

/** A whole page: UTF-8, mobile viewport, inline style and script only (no external requests). */
export function htmlPage(opts: { title: string; body: string; lang?: string; script?: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(opts.lang ?? 'pt-BR')}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(opts.title)}</title>
<link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><main>${opts.body}</main>${opts.script ? `<script>${opts.script}</script>` : ''}</body>
</html>
`;
}
