import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { OFFICE_ROUTES } from '../../shared/protocol';
import { signedInStaff } from '../auth/guard';
import type { AuthService } from '../auth/service';
import { serve } from '../contracts';
import type { Desk } from '../desks/desk';
import { AppError } from '../errors';
import type { OfficeService } from './service';

const LOGO_UPLOAD_LIMIT = 5 * 1024 * 1024;

/** The profile for visitors and /admin, the logo, and QR codes of links into this desk. */
export async function officeRoutes(
  app: FastifyInstance,
  options: { auth: AuthService; office: OfficeService; desk: Desk; publicUrl: string },
): Promise<void> {
  const { auth, office, desk, publicUrl } = options;
  // The logo arrives as the bytes of the image; what they really are is decided from them.
  app.addContentTypeParser(['image/png', 'image/jpeg', 'image/webp'], { parseAs: 'buffer', bodyLimit: LOGO_UPLOAD_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  serve(app, OFFICE_ROUTES.profile, {}, async (_input, _request, reply) => {
    void reply.header('cache-control', 'no-store');
    return office.info(desk.id);
  });
  serve(app, OFFICE_ROUTES.save, { auth }, async ({ body }, request) => office.save(desk.id, body, signedInStaff(request)));
  serve(app, OFFICE_ROUTES.uploadLogo, { auth }, async (_input, request) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('file_type_not_allowed');
    return office.saveLogo(desk.id, request.body, signedInStaff(request));
  });
  serve(app, OFFICE_ROUTES.removeLogo, { auth }, async (_input, request) => office.removeLogo(desk.id, signedInStaff(request)));
  serve(app, OFFICE_ROUTES.logo, {}, async (_input, _request, reply) =>
    reply.type('image/png').header('cache-control', 'public, max-age=300').send(await office.logo(desk.id)),
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

/** Only links into this desk get a code: the server is no QR service for any address. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
}
