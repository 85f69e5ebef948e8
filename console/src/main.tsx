// The console shell: hash routes, the login gate, navigation and the language switch.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loggedIn, logout } from './api';
import { type Key, type Lang, lang, setLang, t } from './i18n';
import './style.css';
import { Board } from './views/board';
import { Integrator } from './views/integrator';
import { Login } from './views/login';
import { MapView } from './views/map';
import { RecordDetail, RecordList, recordKinds } from './views/records';
import { TaskDetail } from './views/task-detail';
import { Technician } from './views/technician';

function currentRoute(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
}

const nav: { path: string; label: Key }[] = [
  { path: 'board', label: 'navBoard' },
  { path: 'technician', label: 'navTechnician' },
  { path: 'integrator', label: 'navIntegrator' },
  { path: 'map', label: 'navMap' },
  ...recordKinds.map((k) => ({ path: `records/${k.kind}`, label: k.label })),
];

function Page({ route }: { route: string[] }) {
  const [head, a, b] = route;
  if (head === 'task' && a) return <TaskDetail id={Number(a)} />;
  if (head === 'technician') return <Technician />;
  if (head === 'integrator') return <Integrator />;
  if (head === 'map') return <MapView />;
  if (head === 'records' && a && b) return <RecordDetail kind={a} id={b} />;
  if (head === 'records' && a) return <RecordList kind={a} />;
  return <Board />;
}

function App() {
  const [route, setRoute] = useState(currentRoute());
  const [, setLangState] = useState<Lang>(lang());
  const [authed, setAuthed] = useState(loggedIn());
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const switchLang = (l: Lang) => {
    setLang(l);
    setLangState(l);
  };
  const langSelect = (
    <label class="lang">
      <span>{t('language')}</span>
      <select value={lang()} onChange={(e) => switchLang((e.target as HTMLSelectElement).value as Lang)}>
        <option value="pt-BR">Português (Brasil)</option>
        <option value="en">English</option>
      </select>
    </label>
  );
  if (!authed) {
    return (
      <main class="login-page" key={lang()}>
        {langSelect}
        <Login onDone={() => setAuthed(true)} />
      </main>
    );
  }
  const path = route.join('/') || 'board';
  return (
    <div class="shell" key={lang()}>
      <header class="top">
        <a class="brand" href="#/board">
          {t('appName')}
        </a>
        <nav aria-label={t('mainNav')}>
          <ul>
            {nav.map((n) => (
              <li key={n.path}>
                <a href={`#/${n.path}`} aria-current={path === n.path || path.startsWith(`${n.path}/`) ? 'page' : undefined}>
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="tools">
          {langSelect}
          <button
            type="button"
            onClick={() => {
              logout();
              setAuthed(false);
            }}
          >
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main">
        <Page route={route} />
      </main>
    </div>
  );
}

setLang(lang());
render(<App />, document.getElementById('app') as HTMLElement);
