/**
 * The office's pages that work without JavaScript, in the visitor's language: the accessibility
 * statement (structure of the Polish act of 4 April 2019 and its official template), the
 * easy-to-read page, the full privacy information (GDPR art. 13) and the printable A4 poster. Each
 * has the skip link and the same footer as the visitor page; styles come from /office.css (the CSP
 * allows no inline style).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { languageMeta, type UiLanguage } from '../../shared/languages';
import { deskLinkQuerySchema, OFFICE_PAGE_ROUTES, PRIVACY_POINTS, privacyFacts, type OfficeInfo, type ScheduleStatus } from '../../shared/protocol';
import type { Desk } from '../desks/desk';
import { serve } from '../contracts';
import { parseBody } from '../http';
import { translator } from '../i18n';
import { pageLanguage } from '../pages/language';
import type { ScheduleService } from '../schedule/service';
import { OFFICE_CSS } from './page-style';
import { qrSvg } from './routes';
import type { OfficeService } from './service';

/** The links of every visitor page's footer, here and in the visitor app (web/visitor/site-footer.tsx). */
export const FOOTER_LINKS = [
  ['/accessibility', 'visitor:office.footer.accessibility'],
  ['/privacy', 'visitor:office.footer.privacy'],
  ['/easy-read', 'visitor:office.footer.easyRead'],
] as const;


export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((part) => part.trim())
    .map((part) => `<p>${escapeHtml(part.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');

export function privacyPoints(office: OfficeInfo, language: UiLanguage): string[] {
  const t = translator(language, 'visitor');
  const { values, retentionKey } = privacyFacts(office, language, t('office.dpoThroughOffice'));
  return PRIVACY_POINTS.map((point) => t(`privacy.points.${point === 'retention' ? retentionKey : point}`, values));
}

interface PageContext {
  language: UiLanguage;
  office: OfficeInfo;
  t: TFunction;
}

function layout({ language, office, t }: PageContext, title: string, main: string, bodyClass = ''): string {
  const texts = office.texts[language] ?? {};
  const name = texts.officeName ?? '';
  const contacts = [texts.departmentName, texts.address, ...office.phones, office.email].filter(Boolean).map((line) => escapeHtml(line!));
  return `<!doctype html><html lang="${language}"${languageMeta(language).dir === 'rtl' ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} — ${name}`)}</title><link rel="stylesheet" href="/office.css"></head>
<body class="${bodyClass}"><a class="skip-link" href="#main">${escapeHtml(t('visitor:office.skipLink'))}</a>
<header class="office-header"><a href="/?lang=${language}">${escapeHtml(name)}</a></header>
<main id="main" tabindex="-1"><h1>${escapeHtml(title)}</h1>${main}</main>
<footer class="office-footer">${fundingNotice(office, texts.fundingNotice ?? '')}<p>${contacts.join(' · ')}</p><nav aria-label="${escapeHtml(t('visitor:office.footer.label'))}"><ul>${FOOTER_LINKS.map(
    ([path, key]) => `<li><a href="${path}?lang=${language}">${escapeHtml(t(key))}</a></li>`,
  ).join('')}</ul></nav></footer></body></html>`;
}

function fundingNotice(office: OfficeInfo, text: string): string {
  const image = office.media['funding-image'];
  const picture = image ? `<img class="funding-image" src="${escapeHtml(image)}" alt="${escapeHtml(text)}">` : '';
  return text || image ? `<div class="funding">${picture}${image ? '' : `<p>${escapeHtml(text)}</p>`}</div>` : '';
}

function section(heading: string, body: string): string {
  return `<section><h2>${escapeHtml(heading)}</h2>${body}</section>`;
}

function accessibilityStatement(context: PageContext, publicUrl: string): string {
  const { language, office, t } = context;
  const texts = office.texts[language] ?? {};
  const values = { office: texts.officeName ?? '', url: publicUrl, published: office.statementPublished, updated: office.statementUpdated };
  const list = (text: string) => `<ul>${text.split('\n').filter((line) => line.trim()).map((line) => `<li>${escapeHtml(line.trim())}</li>`).join('')}</ul>`;
  const checks = ['axe', 'keyboard', 'languages', 'manual'].map((check) => `<li>${escapeHtml(t(`statement.checks.${check}`))}</li>`).join('');
  const contact = [office.email, ...office.phones].filter(Boolean).join(', ');
  const main = [
    `<p>${escapeHtml(t('statement.intro', values))}</p>`,
    section(t('statement.dates.heading'), `<p>${escapeHtml(t('statement.dates.published', values))}</p><p>${escapeHtml(t('statement.dates.updated', values))}</p>`),
    section(t('statement.status.heading'), `<p>${escapeHtml(t('statement.status.partial'))}</p>${list(texts.nonAccessibleContent ?? '')}`),
    section(t('statement.preparation.heading'), `<p>${escapeHtml(t('statement.preparation.text', values))}</p><ul>${checks}</ul>`),
    section(t('statement.feedback.heading'), `<p>${escapeHtml(t('statement.feedback.text', { contact }))}</p>`),
    section(t('statement.procedure.heading'), paragraphs(t('statement.procedure.text'))),
    section(t('statement.building.heading'), paragraphs(texts.buildingAccessibility ?? '')),
    section(t('statement.signLanguage.heading'), paragraphs(t('statement.signLanguage.text'))),
  ].join('');
  return layout(context, t('statement.title'), main);
}

/** The console's and /admin's own short statement: the same standard and checks, and whom staff tell. */
function staffStatement(context: PageContext): string {
  const { office, t } = context;
  const contact = [office.email, ...office.phones].filter(Boolean).join(', ');
  const main = [
    `<p>${escapeHtml(t('statement.staff.text'))}</p>`,
    section(t('statement.feedback.heading'), `<p>${escapeHtml(t('statement.feedback.text', { contact }))}</p>`),
    section(t('statement.procedure.heading'), paragraphs(t('statement.procedure.text'))),
  ].join('');
  return layout(context, t('statement.staff.title'), main);
}

function easyRead(context: PageContext): string {
  const { t } = context;
  const list = (key: string) => `<ul>${t(key).split('\n').map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
  const main = ['what', 'how', 'not', 'help'].map((part) => section(t(`easyRead.${part}.heading`), list(`easyRead.${part}.lines`))).join('');
  return layout(context, t('easyRead.title'), main + section(t('easyRead.pjm.heading'), signLanguageVideo(context)));
}

/** The office's PJM video, played by the browser's own player, with its captions when uploaded. */
function signLanguageVideo({ office, t }: PageContext): string {
  const { 'pjm-video': video, 'pjm-captions': captions } = office.media;
  if (!video) return `<p>${escapeHtml(t('easyRead.pjm.none'))}</p>`;
  const track = captions ? `<track kind="captions" srclang="pl" label="Polski" src="${escapeHtml(captions)}" default>` : '';
  return `<video controls preload="metadata" src="${escapeHtml(video)}" data-testid="pjm-video">${track}</video>`;
}

function privacy(context: PageContext): string {
  const { language, office, t } = context;
  const main = `<ul>${privacyPoints(office, language).map((point) => `<li>${escapeHtml(point)}</li>`).join('')}</ul>`;
  return layout(context, t('privacyPage.title'), main);
}

const LANGUAGE_QUESTIONS: Record<UiLanguage, string> = {
  pl: 'Zapytaj po polsku',
  en: 'Ask in English',
  uk: 'Запитайте українською',
  ru: 'Спросите по-русски',
  be: 'Спытайце па-беларуску',
  ka: 'იკითხეთ ქართულად',
  vi: 'Hỏi bằng tiếng Việt',
  tr: 'Türkçe sorun',
  es: 'Pregunte en español',
  ar: 'اسأل بالعربية',
};

/** The poster asks, in each of the desk's languages, to ask in it. */
async function poster(context: PageContext, link: string, schedule: ScheduleStatus, languages: readonly UiLanguage[]): Promise<string> {
  const { language, office, t } = context;
  const texts = office.texts[language] ?? {};
  const days = t('poster.weekdays').split('\n');
  const hours = schedule.hours.map((interval) => `<li>${escapeHtml(`${days[interval.weekday - 1]} ${interval.start}–${interval.end}`)}</li>`).join('');
  const main = `<p class="poster-description">${escapeHtml(texts.description ?? '')}</p>
<div class="poster-qr" role="img" aria-label="${escapeHtml(t('poster.qrLabel', { link }))}">${await qrSvg(link)}</div>
<p class="poster-link">${escapeHtml(link)}</p>
<h2>${escapeHtml(t('poster.hours'))}</h2><ul class="poster-hours">${hours}</ul>
<ul class="poster-languages">${languages
    .map((lang) => `<li lang="${lang}" dir="auto">${escapeHtml(LANGUAGE_QUESTIONS[lang])}</li>`)
    .join('')}</ul>`;
  return layout(context, texts.officeName ?? '', main, 'poster');
}

export async function officePages(
  app: FastifyInstance,
  options: { desk: Desk; office: OfficeService; schedule: ScheduleService; publicUrl: string },
): Promise<void> {
  const { desk, office, schedule, publicUrl } = options;
  const context = async (request: FastifyRequest): Promise<PageContext> => {
    const language = pageLanguage(request, desk);
    return { language, office: await office.info(desk.id), t: translator(language, 'office') };
  };
  const send = (reply: FastifyReply, html: string) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-language').send(html);

  serve(app, OFFICE_PAGE_ROUTES.accessibility, {}, async (_input, request, reply) => send(reply, accessibilityStatement(await context(request), publicUrl)));
  serve(app, OFFICE_PAGE_ROUTES.staffAccessibility, {}, async (_input, request, reply) => send(reply, staffStatement(await context(request))));
  serve(app, OFFICE_PAGE_ROUTES.easyRead, {}, async (_input, request, reply) => send(reply, easyRead(await context(request))));
  serve(app, OFFICE_PAGE_ROUTES.privacy, {}, async (_input, request, reply) => send(reply, privacy(await context(request))));
  serve(app, OFFICE_PAGE_ROUTES.poster, {}, async (_input, request, reply) => {
    const requested = (request.query as { path?: string }).path;
    const { path } = parseBody(deskLinkQuerySchema, { path: requested ?? `/?lang=${pageLanguage(request, desk)}` });
    return send(reply, await poster(await context(request), publicUrl + path, await schedule.status(desk.id), desk.languages));
  });
  serve(app, OFFICE_PAGE_ROUTES.style, {}, async (_input, _request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(OFFICE_CSS),
  );
}
