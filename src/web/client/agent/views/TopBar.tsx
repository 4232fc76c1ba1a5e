// The bar on top of every page of the console: its name, who is logged in, what else they may
// open, and "Logg ut".
import type { ComponentChildren, JSX } from 'preact';
import type { Advisor } from '../../types.js';
import { roleText } from '../roles.js';

export function TopBar({ title, me, onLogout, children }: { title: string; me: Advisor; onLogout: () => void; children?: ComponentChildren }): JSX.Element {
  return (
    <header class="top">
      <h1>{title}</h1>
      <p class="me">
        {me.name} <span class="role">({roleText(me.role)})</span>
      </p>
      {children}
      <button type="button" class="ghost" onClick={onLogout}>
        Logg ut
      </button>
    </header>
  );
}

/** A link in the top bar to another page of the console ("Innsikt", "Samtalar"). */
export function TopLink({ href, children }: { href: string; children: ComponentChildren }): JSX.Element {
  return (
    <a class="top-link" href={href}>
      {children}
    </a>
  );
}
