// An offline map: the day's tasks and the technicians' last known positions (GET /v2/gps/ with
// getLastKnowPosition) drawn over a bundled outline of Brazil.
import { useState } from 'preact/hooks';
import { filter, list } from '../api';
import { BOUNDS, BRAZIL_OUTLINE } from '../brazil';
import { ymd } from '../dates';
import { t } from '../i18n';
import { ErrorBox, Field, type User, useLoad } from '../ui';
import { loadTasks, loadUsers } from './board';

interface Position {
  userId: number;
  positionDate: string;
  latitude: number;
  longitude: number;
}

const W = 600;
const H = Math.round((W * (BOUNDS.north - BOUNDS.south)) / (BOUNDS.east - BOUNDS.west));
const x = (lon: number) => ((lon - BOUNDS.west) / (BOUNDS.east - BOUNDS.west)) * W;
const y = (lat: number) => ((BOUNDS.north - lat) / (BOUNDS.north - BOUNDS.south)) * H;
const outline = BRAZIL_OUTLINE.map(([lon, lat], i) => `${i ? 'L' : 'M'}${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('') + 'Z';

export function MapView() {
  const [day, setDay] = useState(ymd(new Date()));
  const tasks = useLoad(() => loadTasks(day, day), [day]);
  const users = useLoad(loadUsers, []);
  const positions = useLoad(
    async () =>
      (await list<Position>('/v2/gps/', { paramFilter: filter({ date: day, getLastKnowPosition: true }), pageSize: 100 })).entityList,
    [day],
  );
  const nameOf = (id: number) => users.data?.find((u: User) => u.userId === id)?.name ?? `#${id}`;
  const placed = (tasks.data ?? []).filter((k) => k.latitude || k.longitude);
  return (
    <section aria-labelledby="map-title">
      <div class="bar">
        <h1 id="map-title">{t('mapTitle')}</h1>
        <Field label={t('date')}>
          <input type="date" value={day} onChange={(e) => setDay((e.target as HTMLInputElement).value || day)} />
        </Field>
      </div>
      <ErrorBox error={tasks.error ?? positions.error} />
      <div class="map">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="map-title map-desc">
          <title>{t('mapTitle')}</title>
          <desc id="map-desc">{t('mapNote')}</desc>
          <path d={outline} class="land" />
          {placed.map((k) => (
            <a key={k.taskID} href={`#/task/${k.taskID}`}>
              <circle cx={x(k.longitude)} cy={y(k.latitude)} r="5" class={`pin st${k.taskStatus}`}>
                <title>
                  #{k.taskID} {k.customerDescription} {k.taskDate.slice(11, 16)}
                </title>
              </circle>
            </a>
          ))}
          {(positions.data ?? []).map((p) => (
            <rect key={p.userId} x={x(p.longitude) - 5} y={y(p.latitude) - 5} width="10" height="10" class="tech">
              <title>
                {nameOf(p.userId)} {p.positionDate.replace('T', ' ')}
              </title>
            </rect>
          ))}
        </svg>
        <div>
          <p class="muted">{t('mapNote')}</p>
          <h2>{t('mapLegendTasks')}</h2>
          <ul class="plain">
            {placed.map((k) => (
              <li key={k.taskID}>
                <span class={`dot st${k.taskStatus}`} aria-hidden="true" /> <a href={`#/task/${k.taskID}`}>#{k.taskID}</a>{' '}
                {k.taskDate.slice(11, 16)} {k.customerDescription} ({k.latitude.toFixed(3)}, {k.longitude.toFixed(3)})
              </li>
            ))}
          </ul>
          <h2>{t('mapLegendTechs')}</h2>
          <ul class="plain">
            {(positions.data ?? []).map((p) => (
              <li key={p.userId}>
                <span class="square" aria-hidden="true" /> {nameOf(p.userId)} · {p.positionDate.replace('T', ' ')}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
