import { useEffect, useState } from 'preact/hooks';
import { brandTextColour, WCAG_AA_TEXT_CONTRAST } from '../../shared/contrast';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import { OFFICE_MEDIA, OFFICE_ROUTES, OFFICE_TEXTS, type OfficeInfo, type OfficeMediaKind, type OfficeProfile, type OfficeTextName } from '../../shared/protocol';
import { api } from '../common/api';
import { nativeLanguageName } from '../common/format';
import { useT } from '../common/i18n';
import { ErrorMessage, Loading, PageHeading, type PageProps, useRequestError } from './pages';

/** The short texts get one line; the others a box. */
const ONE_LINE: ReadonlySet<OfficeTextName> = new Set(['officeName', 'departmentName']);

function profileOf({ texts, phones, email, brandColour, dpoContact, statementPublished }: OfficeInfo): OfficeProfile {
  return { texts, phones, email, brandColour, dpoContact, statementPublished };
}

/** The office's own profile: its names and texts in every language, contacts, logo and brand colour. */
export function OfficePage({ announce, focusHeading }: PageProps) {
  const t = useT();
  const [office, setOffice] = useState<OfficeInfo | null>(null);
  const [profile, setProfile] = useState<OfficeProfile | null>(null);
  const [language, setLanguage] = useState<UiLanguage>('pl');
  const { error, run } = useRequestError();
  const logoUpload = useRequestError();
  const mediaUpload = useRequestError();

  const loaded = (info: OfficeInfo) => {
    setOffice(info);
    setProfile(profileOf(info));
  };
  useEffect(() => {
    void run(async () => loaded(await api(OFFICE_ROUTES.profile)));
  }, []);

  if (!profile || !office) {
    return (
      <>
        <PageHeading focus={focusHeading}>{t('admin:nav.office')}</PageHeading>
        {error ? <ErrorMessage code={error} /> : <Loading />}
      </>
    );
  }

  const set = (change: Partial<OfficeProfile>) => setProfile({ ...profile, ...change });
  const setText = (name: OfficeTextName, value: string) =>
    set({ texts: { ...profile.texts, [language]: { ...profile.texts[language], [name]: value } } });
  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      loaded(await api(OFFICE_ROUTES.save, { body: profile }));
      announce(t('admin:saved'));
    });
  };
  const upload = (file: File | undefined) => {
    if (file) void logoUpload.run(async () => loaded(await api(OFFICE_ROUTES.uploadLogo, { body: formWith(file) })));
  };
  const uploadMedia = (kind: OfficeMediaKind, file: File | undefined) => {
    if (file) void mediaUpload.run(async () => loaded(await api(OFFICE_ROUTES.uploadMedia, { params: { kind }, body: formWith(file) })));
  };
  const contrast = profile.brandColour ? brandTextColour(profile.brandColour) : null;

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.office')}</PageHeading>
      <form class="panel admin-section admin-form" onSubmit={save} data-testid="office-form">
        <fieldset>
          <legend>{t('admin:office.texts')}</legend>
          <div class="field">
            <label for="office-language">{t('admin:office.language')}</label>
            <select id="office-language" value={language} onChange={(event) => setLanguage(event.currentTarget.value as UiLanguage)}>
              {UI_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {nativeLanguageName(code)}
                </option>
              ))}
            </select>
          </div>
          {OFFICE_TEXTS.map((name) => {
            const props = {
              id: `office-${name}`,
              lang: language,
              value: profile.texts[language]?.[name] ?? '',
              placeholder: office.texts[language]?.[name] ?? '',
              onInput: (event: { currentTarget: { value: string } }) => setText(name, event.currentTarget.value),
            };
            return (
              <div class="field" key={name}>
                <label for={props.id}>{t(`admin:office.fields.${name}`)}</label>
                {ONE_LINE.has(name) ? <input {...props} maxLength={200} /> : <textarea {...props} rows={3} maxLength={4000} />}
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>{t('admin:office.contacts')}</legend>
          <div class="field">
            <label for="office-phones">{t('admin:office.phones')}</label>
            <input
              id="office-phones"
              value={profile.phones.join(', ')}
              onInput={(event) => set({ phones: event.currentTarget.value.split(',').map((phone) => phone.trim()).filter(Boolean) })}
            />
          </div>
          <div class="field">
            <label for="office-email">{t('admin:office.email')}</label>
            <input id="office-email" type="email" value={profile.email} onInput={(event) => set({ email: event.currentTarget.value.trim() })} />
          </div>
          <div class="field">
            <label for="office-dpo">{t('admin:office.dpo')}</label>
            <input id="office-dpo" value={profile.dpoContact} onInput={(event) => set({ dpoContact: event.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="office-published">{t('admin:office.statementPublished')}</label>
            <input
              id="office-published"
              type="date"
              value={profile.statementPublished}
              onInput={(event) => set({ statementPublished: event.currentTarget.value })}
            />
          </div>
        </fieldset>
        <div class="field">
          <label for="office-colour">{t('admin:office.brandColour')}</label>
          <input
            id="office-colour"
            data-testid="office-colour"
            pattern="#[0-9a-f]{6}"
            placeholder="#0b4f9c"
            aria-describedby="office-colour-contrast"
            value={profile.brandColour ?? ''}
            onInput={(event) => set({ brandColour: event.currentTarget.value.trim().toLowerCase() || null })}
          />
          <p class="hint" id="office-colour-contrast" data-testid="office-colour-contrast">
            {contrast
              ? t(contrast.ratio >= WCAG_AA_TEXT_CONTRAST ? 'admin:office.contrastPasses' : 'admin:office.contrastFails', {
                  ratio: contrast.ratio.toFixed(2),
                  needed: WCAG_AA_TEXT_CONTRAST,
                })
              : t('admin:office.noColour')}
          </p>
        </div>
        <ErrorMessage code={error} />
        <button type="submit" data-testid="office-save">
          {t('admin:save')}
        </button>
      </form>
      <section class="panel admin-section" aria-labelledby="office-logo-heading">
        <h2 id="office-logo-heading">{t('admin:office.logo')}</h2>
        {office.logo && <img src={office.logo} alt={t('admin:office.currentLogo')} class="office-logo-preview" />}
        <div class="field">
          <label for="office-logo">{t('admin:office.logoUpload')}</label>
          <input id="office-logo" type="file" accept="image/png,image/webp,image/jpeg" onChange={(event) => upload(event.currentTarget.files?.[0])} />
        </div>
        <ErrorMessage code={logoUpload.error} />
        {office.logo && (
          <button type="button" onClick={() => void logoUpload.run(async () => loaded(await api(OFFICE_ROUTES.removeLogo)))}>
            {t('admin:remove')}
          </button>
        )}
      </section>
      <section class="panel admin-section" aria-labelledby="office-media-heading">
        <h2 id="office-media-heading">{t('admin:office.media.heading')}</h2>
        {OFFICE_MEDIA.map((kind) => (
          <div class="field" key={kind}>
            <label for={`office-media-${kind}`}>{t(`admin:office.media.${kind}`)}</label>
            <input id={`office-media-${kind}`} type="file" accept={MEDIA_ACCEPT[kind]} onChange={(event) => uploadMedia(kind, event.currentTarget.files?.[0])} />
            {office.media[kind] && (
              <button type="button" onClick={() => void mediaUpload.run(async () => loaded(await api(OFFICE_ROUTES.removeMedia, { params: { kind } })))}>
                {t('admin:remove')}
              </button>
            )}
          </div>
        ))}
        <ErrorMessage code={mediaUpload.error} />
      </section>
    </>
  );
}

const MEDIA_ACCEPT: Record<OfficeMediaKind, string> = {
  'pjm-video': 'video/mp4,video/webm',
  'pjm-captions': '.vtt,text/vtt',
  'funding-image': 'image/png,image/webp,image/jpeg',
};

function formWith(file: File): FormData {
  const body = new FormData();
  body.append('file', file);
  return body;
}
