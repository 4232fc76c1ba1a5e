// The form for a new account: name, the name customers see, e-mail, role and password.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Advisor, Role } from '../../../types.js';
import { problemText } from '../../problem.js';
import type { ConsoleStore } from '../../store.js';

export function NewAccount({ store, onCreated, say }: { store: ConsoleStore; onCreated: (a: Advisor) => void; say: (ok: boolean, text: string) => void }): JSX.Element {
  const empty = { name: '', displayName: '', email: '', role: 'advisor' as Role, password: '' };
  const [form, setForm] = useState(empty);
  const field = (k: keyof typeof form) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) => setForm({ ...form, [k]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (form.password.length < 12) return say(false, 'Passordet må ha minst 12 teikn.');
    try {
      const { displayName, ...rest } = form;
      const a = await store.createAdvisor({ ...rest, email: form.email.trim(), name: form.name.trim(), ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
      onCreated(a);
      say(true, `${a.name} (${a.email}) kan no logge inn.`);
      setForm(empty);
    } catch (err) {
      say(false, problemText(err));
    }
  };
  return (
    <>
      <h3 id="ny-brukar-tittel">Ny brukar</h3>
      <form onSubmit={submit} class="admin-form" aria-labelledby="ny-brukar-tittel">
        <div>
          <label for="ny-namn">Namn</label>
          <input id="ny-namn" required autocomplete="off" value={form.name} onInput={field('name')} />
        </div>
        <div>
          <label for="ny-visingsnamn">Namnet kundane ser (valfritt, til dømes «Kari»)</label>
          <input id="ny-visingsnamn" autocomplete="off" maxLength={60} value={form.displayName} onInput={field('displayName')} />
        </div>
        <div>
          <label for="ny-epost">E-post</label>
          <input id="ny-epost" type="email" required autocomplete="off" value={form.email} onInput={field('email')} />
        </div>
        <div>
          <label for="ny-rolle">Rolle</label>
          <select id="ny-rolle" value={form.role} onChange={field('role')}>
            <option value="advisor">Rådgjevar</option>
            <option value="admin">Administrator</option>
            <option value="analyst">Analytikar (les berre innsikta)</option>
            <option value="editor">Redaktør (endrar svara til assistenten)</option>
          </select>
        </div>
        <div>
          <label for="ny-passord">Passord (minst 12 teikn)</label>
          <input id="ny-passord" type="password" required minLength={12} autocomplete="new-password" value={form.password} onInput={field('password')} />
        </div>
        <button type="submit" class="primary">
          Opprett brukar
        </button>
      </form>
    </>
  );
}
