/**
 * The file views and the upload code are a chunk of their own: the visitor page's first load
 * carries only the attach button, and the rest comes when a file is picked or a message with a
 * file is shown.
 */
import { useEffect, useState } from 'preact/hooks';

type FilesUi = typeof import('./files-ui');

let loaded: FilesUi | null = null;
let loading: Promise<FilesUi> | null = null;

export function loadFilesUi(): Promise<FilesUi> {
  loading ??= import('./files-ui').then(
    (ui) => (loaded = ui),
    (error: unknown) => {
      loading = null; // offline for a moment: the next attempt loads it again
      throw error;
    },
  );
  return loading;
}

/** The chunk once `wanted` (at once if an earlier component loaded it); null until then. */
export function useFilesUi(wanted: boolean): FilesUi | null {
  const [ui, setUi] = useState<FilesUi | null>(loaded);
  useEffect(() => {
    if (wanted && !ui) loadFilesUi().then(setUi, () => undefined);
  }, [wanted]);
  return ui;
}
