import type { ComponentChildren } from 'preact';

/**
 * A data table wider than a narrow (or zoomed) screen scrolls sideways inside this box, never the
 * page. Focusable and named by the table's heading, so a keyboard can scroll it too.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
