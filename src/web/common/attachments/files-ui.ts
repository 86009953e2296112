/** The lazily loaded part of the attachments (see lazy.ts). */
export { AttachmentView } from './attachment-view';
export { UploadList } from './upload-list';
export { Uploads } from './uploads';
