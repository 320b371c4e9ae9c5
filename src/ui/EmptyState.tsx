import type { ComponentChildren } from 'preact';

export function EmptyState(props: { title: string; body: string; children?: ComponentChildren }) {
  return (
    <section class="empty-state" aria-label={props.title}>
      <p class="empty-state__title">{props.title}</p>
      <p class="empty-state__body">{props.body}</p>
      {props.children}
    </section>
  );
}
