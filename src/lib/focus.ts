import { tick } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/** The composer's message box: where the next action is after a load, a new chat or a restart. */
export async function focusMessageBox(): Promise<void> {
  await tick();
  document.getElementById('prompt')?.focus();
}

/** Escape anywhere inside the element closes it (a disclosure panel); the caller puts focus back. */
export function closesOnEscape(close: () => void): Attachment<HTMLElement> {
  return (node) => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    node.addEventListener('keydown', onKey);
    return () => node.removeEventListener('keydown', onKey);
  };
}
