// A part of the dashboard: a card with its heading; `wide` spans both columns on a wide screen.
import type { ComponentChildren, JSX } from 'preact';

export function Card({ id, title, wide, children }: { id: string; title: string; wide?: boolean; children: ComponentChildren }): JSX.Element {
  return (
    <section class={`card${wide ? ' wide' : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
