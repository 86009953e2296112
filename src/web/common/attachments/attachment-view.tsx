import { useContext, useEffect, useState } from 'preact/hooks';
import type { Attachment } from '../../../shared/protocol';
import { requestFile } from '../api';
import { FileEndpointsContext } from './context';
import { DownloadButton } from './download-button';
import type { FileEndpoints } from './endpoints';
import './attachments.css';

/** The thumbnail's box in the chat; the picture keeps its proportions inside it. */
const THUMBNAIL_BOX_PX = 200;

/** A file in a message: the picture's thumbnail (its alt text is the file name), and a download. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const endpoints = useContext(FileEndpointsContext);
  if (!endpoints) return null;
  const isImage = attachment.contentType.startsWith('image/');

  return (
    <div class="attachment" data-testid="attachment" data-content-type={attachment.contentType}>
      {isImage && <Thumbnail attachment={attachment} endpoints={endpoints} />}
      <DownloadButton url={endpoints.fileUrl(attachment.id, 'original')} headers={endpoints.headers} name={attachment.name} size={attachment.size} />
    </div>
  );
}

function Thumbnail({ attachment, endpoints }: { attachment: Attachment; endpoints: FileEndpoints }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    requestFile(endpoints.fileUrl(attachment.id, 'thumbnail'), { headers: endpoints.headers }).then(
      ({ blob }) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setSource(url);
      },
      () => undefined, // the download button still works; the name says what it is
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachment.id]);
  const scale = Math.min(1, THUMBNAIL_BOX_PX / Math.max(attachment.width ?? THUMBNAIL_BOX_PX, attachment.height ?? THUMBNAIL_BOX_PX));
  const width = Math.round((attachment.width ?? THUMBNAIL_BOX_PX) * scale);
  const height = Math.round((attachment.height ?? THUMBNAIL_BOX_PX) * scale);
  return source ? (
    <img class="attachment-thumbnail" src={source} alt={attachment.name} width={width} height={height} data-testid="attachment-thumbnail" />
  ) : (
    <span class="attachment-thumbnail attachment-thumbnail--loading" style={{ width: `${width}px`, height: `${height}px` }} />
  );
}
