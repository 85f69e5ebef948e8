// Login with the account's apiKey and apiToken (GET /v2/login/); the token stays in memory.
import { useState } from 'preact/hooks';
import { login } from '../api';
import { t } from '../i18n';
import { ErrorBox, Field } from '../ui';

export function Login({ onDone }: { onDone: () => void }) {
  const [apiKey, setKey] = useState('');
  const [apiToken, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login({ apiKey: apiKey.trim(), apiToken: apiToken.trim() });
      if (!location.hash) location.hash = '#/board';
      onDone();
    } catch (err) {
      setError(`${t('loginFailed')} (${(err as Error).message})`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card login" onSubmit={submit}>
      <h1>{t('loginTitle')}</h1>
      <Field label={t('apiKey')}>
        <input
          name="apiKey"
          autocomplete="username"
          required
          value={apiKey}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
        />
      </Field>
      <Field label={t('apiToken')}>
        <input
          name="apiToken"
          type="password"
          autocomplete="current-password"
          required
          value={apiToken}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
      </Field>
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}
