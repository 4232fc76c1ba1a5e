// The login form: e-mail and password, the service's answer said in one alert.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';

export function Login({
  login,
  error,
  bank,
  title = 'Logg inn i rådgjevarkonsollen',
}: {
  login: (email: string, password: string) => Promise<void>;
  error: string | null;
  bank: string;
  title?: string;
}): JSX.Element {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await login(email.trim(), password);
    setBusy(false);
  };
  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="login-tittel">
        <p class="bank">{bank}</p>
        <h1 id="login-tittel">{title}</h1>
        <label for="login-epost">E-post</label>
        <input id="login-epost" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="login-passord">Passord</label>
        <input
          id="login-passord"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          Logg inn
        </button>
      </form>
    </main>
  );
}
