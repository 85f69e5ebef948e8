// Searchable lists and detail pages of customers, equipment, products (with stock), quotations and tickets.
import { useState } from 'preact/hooks';
import { call, filter, list } from '../api';
import { addDays, ymd } from '../dates';
import { type Key, t } from '../i18n';
import { Details, ErrorBox, Field, useLoad } from '../ui';

interface Kind {
  kind: string;
  label: Key;
  path: string;
  /** The id a detail page is addressed by. */
  idOf: (r: Record<string, unknown>) => unknown;
  /** paramFilter for a search text (server-side where the resource has a text filter). */
  filterOf: (q: string) => Record<string, unknown>;
  columns: string[];
}

const today = () => ymd(new Date());

export const recordKinds: Kind[] = [
  {
    kind: 'customers',
    label: 'navCustomers',
    path: '/v2/customers/',
    idOf: (r) => r.id,
    filterOf: (q) => (q ? { description: q } : {}),
    columns: ['id', 'description', 'cpfCnpj', 'address'],
  },
  {
    kind: 'equipments',
    label: 'navEquipments',
    path: '/v2/equipments/',
    idOf: (r) => r.id,
    filterOf: (q) => (q ? { name: q } : {}),
    columns: ['id', 'name', 'identifier', 'associatedCustomerId'],
  },
  {
    kind: 'products',
    label: 'navProducts',
    path: '/v2/products/',
    idOf: (r) => r.productId,
    filterOf: (q) => (q ? { name: q } : {}),
    columns: ['code', 'name', 'unitaryValue', 'totalStock'],
  },
  {
    kind: 'quotations',
    label: 'navQuotations',
    path: '/v2/quotations/',
    idOf: (r) => r.publicId,
    filterOf: () => ({}),
    columns: ['publicId', 'customerId', 'requestDate', 'currentStage', 'totalValue'],
  },
  {
    kind: 'tickets',
    label: 'navTickets',
    path: '/v2/tickets/',
    idOf: (r) => r.id,
    filterOf: () => ({ startDate: addDays(today(), -365), endDate: addDays(today(), 365) }),
    columns: ['id', 'title', 'priority', 'status', 'creationDate'],
  },
];

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object')
    return (v as Record<string, unknown>).description ? String((v as Record<string, unknown>).description) : JSON.stringify(v);
  return String(v);
}

export function RecordList({ kind }: { kind: string }) {
  const k = recordKinds.find((x) => x.kind === kind) ?? recordKinds[0];
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const [page, setPage] = useState(1);
  const rows = useLoad(
    () => list<Record<string, unknown>>(k.path, { paramFilter: filter(k.filterOf(applied)), page, pageSize: 25 }),
    [k.kind, applied, page],
  );
  // Resources without a server-side text filter are searched within the page.
  const shown = (rows.data?.entityList ?? []).filter((r) => !applied || JSON.stringify(r).toLowerCase().includes(applied.toLowerCase()));
  const pages = Math.max(1, Math.ceil((rows.data?.totalItems ?? 0) / 25));
  return (
    <section aria-labelledby="rec-title">
      <div class="bar">
        <h1 id="rec-title">{t(k.label)}</h1>
        <form
          class="group"
          aria-label={t('search')}
          onSubmit={(e) => {
            e.preventDefault();
            setPage(1);
            setApplied(q.trim());
          }}
        >
          <Field label={t('search')}>
            <input type="search" name="q" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
          </Field>
          <button type="submit">{t('search')}</button>
        </form>
      </div>
      <ErrorBox error={rows.error} />
      {rows.data && shown.length === 0 && <p>{t('nothingFound')}</p>}
      {shown.length > 0 && (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                {k.columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={String(k.idOf(r))}>
                  {k.columns.map((c, i) => (
                    <td key={c}>
                      {i === 0 ? <a href={`#/records/${k.kind}/${encodeURIComponent(String(k.idOf(r)))}`}>{show(r[c])}</a> : show(r[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="group">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          ‹ {t('previous')}
        </button>
        <span>
          {page} / {pages}
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('next')} ›
        </button>
      </div>
    </section>
  );
}

export function RecordDetail({ kind, id }: { kind: string; id: string }) {
  const k = recordKinds.find((x) => x.kind === kind) ?? recordKinds[0];
  const rec = useLoad(() => call<Record<string, unknown>>('GET', `${k.path}${encodeURIComponent(decodeURIComponent(id))}`), [k.kind, id]);
  return (
    <article aria-labelledby="recd-title">
      <div class="bar">
        <h1 id="recd-title">
          {t(k.label)} · {decodeURIComponent(id)}
        </h1>
        <a href={`#/records/${k.kind}`}>{t('back')}</a>
      </div>
      <ErrorBox error={rec.error} />
      {rec.data && <Details record={rec.data} />}
    </article>
  );
}
