import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import QRCode from 'qrcode';
import { OFFICE_PAGE_ROUTES, OFFICE_ROUTES, officeMediaKindSchema } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import { multipartError } from '../files/routes';
import { parseBody } from '../http';
import { translator } from '../i18n';
import { pageLanguage } from '../pages/language';
import type { ScheduleService } from '../schedule/service';
import { ICON_SIZES, type IconSize } from './icons';
import type { OfficeService } from './service';
import { WIDGET_SCRIPT } from './widget-script';

/** A sign-language video of a few minutes; images are checked by their pixels, not their size. */
const UPLOAD_LIMIT = 100 * 1024 * 1024;

/** The profile for visitors and /admin, the logo, and QR codes of links into this desk. */
export async function officeRoutes(
  app: FastifyInstance,
  options: { auth: AuthService; office: OfficeService; schedule: ScheduleService; desk: Desk; publicUrl: string; embedOrigins: readonly string[] },
): Promise<void> {
  const { auth, office, schedule, desk, publicUrl, embedOrigins } = options;
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 0, parts: 1, headerPairs: 20 } });

  serve(app, OFFICE_ROUTES.profile, {}, async (_input, _request, reply) => {
    void reply.header('cache-control', 'no-store');
    return office.info(desk.id);
  });
  serve(app, OFFICE_ROUTES.save, { auth }, async ({ body }, request) => office.save(desk.id, body, signedInStaff(request)));
  serve(app, OFFICE_ROUTES.uploadLogo, { auth }, async (_input, request) => {
    return office.saveLogo(desk.id, await uploadedBytes(request), signedInStaff(request));
  });
  serve(app, OFFICE_ROUTES.removeLogo, { auth }, async (_input, request) => office.removeLogo(desk.id, signedInStaff(request)));
  serve(app, OFFICE_ROUTES.uploadMedia, { auth }, async (_input, request) => {
    const kind = parseBody(officeMediaKindSchema, request.params.kind);
    return office.saveMedia(desk.id, kind, await uploadedBytes(request), signedInStaff(request));
  });
  serve(app, OFFICE_ROUTES.removeMedia, { auth }, async (_input, request) =>
    office.removeMedia(desk.id, parseBody(officeMediaKindSchema, request.params.kind), signedInStaff(request)),
  );
  serve(app, OFFICE_ROUTES.media, {}, async (_input, request, reply) => {
    const kind = officeMediaKindSchema.safeParse(request.params.kind);
    if (!kind.success) throw new AppError('not_found');
    const media = await office.media(desk.id, kind.data);
    return reply.type(media.contentType).header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(media.data);
  });
  serve(app, OFFICE_ROUTES.logo, {}, async (_input, _request, reply) =>
    reply.type('image/png').header('cache-control', 'public, max-age=300').send(await office.logo(desk.id)),
  );
  serve(app, OFFICE_ROUTES.icon, {}, async (_input, request, reply) => {
    const size = Number(request.params.size);
    if (!ICON_SIZES.includes(size as IconSize)) throw new AppError('not_found');
    return reply.type('image/png').header('cache-control', 'public, max-age=300').send(await office.icon(desk.id, size as IconSize));
  });
  serve(app, OFFICE_PAGE_ROUTES.manifest, {}, async (_input, request, reply) =>
    reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-language')
      .send(JSON.stringify(await office.manifest(desk.id, pageLanguage(request, desk)))),
  );

  // Only the office's own sites may read it; the widget sends no cookie, so none is allowed.
  serve(app, OFFICE_ROUTES.widgetStatus, {}, async (_input, request, reply) => {
    const origin = request.headers.origin;
    if (origin && embedOrigins.includes(origin)) void reply.header('access-control-allow-origin', origin);
    void reply.header('vary', 'origin').header('cache-control', 'no-store');
    const t = translator(pageLanguage(request, desk), 'visitor');
    const { open } = await schedule.status(desk.id);
    return { open, label: t(open ? 'office.widget.open' : 'office.widget.closed'), close: t('office.widget.close') };
  });
  serve(app, OFFICE_PAGE_ROUTES.widget, {}, async (_input, _request, reply) =>
    // Loaded by other sites' pages: helmet's same-origin resource policy would block the script there.
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(WIDGET_SCRIPT),
  );

  serve(app, OFFICE_ROUTES.qrSvg, {}, async ({ query }, _request, reply) =>
    reply.type('image/svg+xml').header('content-disposition', 'attachment; filename="desk-qr.svg"').send(await qrSvg(publicUrl + query.path)),
  );
  serve(app, OFFICE_ROUTES.qrPng, {}, async ({ query }, _request, reply) =>
    reply
      .type('image/png')
      .header('content-disposition', 'attachment; filename="desk-qr.png"')
      .send(await QRCode.toBuffer(publicUrl + query.path, { type: 'png', width: 600, margin: 4, errorCorrectionLevel: 'M' })),
  );
}

/** The one file of a multipart upload; what it really is is decided from its bytes, not its name or declared type. */
async function uploadedBytes(request: FastifyRequest): Promise<Buffer> {
  const part = await request.file().catch(multipartError);
  if (!part) throw new AppError('validation_failed', 'file');
  return part.toBuffer().catch(multipartError);
}

/** Only links into this desk get a code: the server is no QR service for any address. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
}
