import { useEffect, useState } from 'preact/hooks';
import type { PendingUpload, Uploads } from './uploads';

/** The uploads' current list; the component re-renders whenever it changes. */
export function useUploadList(uploads: Uploads | null): readonly PendingUpload[] {
  const [items, setItems] = useState<readonly PendingUpload[]>(uploads?.items ?? []);
  useEffect(() => {
    if (!uploads) return;
    setItems(uploads.items);
    return uploads.subscribe(() => setItems(uploads.items));
  }, [uploads]);
  return items;
}
