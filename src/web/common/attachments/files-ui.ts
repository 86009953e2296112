/** The lazily loaded part of the attachments (see lazy.ts). */
export { AttachmentView } from './AttachmentView';
export { UploadList } from './UploadList';
export { Uploads } from './uploads';
