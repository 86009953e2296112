/**
 * The starter set a fresh desk gets: five short answers in the four languages, each marked as an
 * example for the office to review and rewrite (stored with `example` set and reviewed by nobody).
 */
import type { HelpArticleInput, HelpVersionInput } from '../../../shared/protocol';

/** The starter set is written in the staff languages; other visitors see the office's default language with a notice. */
type StarterLanguage = 'pl' | 'en' | 'uk' | 'ru';
type Texts = Record<StarterLanguage, { title: string; body: string }>;

const EXAMPLE_NOTE: Record<StarterLanguage, string> = {
  pl: '**Przykład do przejrzenia:** urząd powinien sprawdzić i dostosować ten tekst.',
  en: '**Example to review:** the office should check and adapt this text.',
  uk: '**Приклад для перевірки:** установа має перевірити й адаптувати цей текст.',
  ru: '**Пример для проверки:** учреждению следует проверить и адаптировать этот текст.',
};

function article(topic: string, slug: string, texts: Texts): HelpArticleInput {
  const versions: HelpVersionInput[] = (Object.keys(texts) as StarterLanguage[]).map((language) => ({
    language,
    title: texts[language].title,
    body: `${EXAMPLE_NOTE[language]}\n\n${texts[language].body}`,
    status: 'published',
    reviewer: null,
    reviewedOn: null,
  }));
  return { topic, slug, versions };
}

export const STARTER_ARTICLES: HelpArticleInput[] = [
  article('office', 'how-this-desk-works', {
    pl: {
      title: 'Jak działa ta konsultacja',
      body: 'Wybierz temat i napisz pytanie. Odpowie konsultantka lub konsultant urzędu, na czacie, przez telefon w przeglądarce lub wideo.\n\n- Nie potrzebujesz konta.\n- Rozmowa jest bezpłatna.\n- Możesz pisać po polsku, angielsku, ukraińsku lub rosyjsku.',
    },
    en: {
      title: 'How this desk works',
      body: 'Choose a topic and write your question. A consultant of the office answers in the chat, by a call in the browser or by video.\n\n- You need no account.\n- The consultation is free.\n- You may write in Polish, English, Ukrainian or Russian.',
    },
    uk: {
      title: 'Як працює ця консультація',
      body: 'Оберіть тему й напишіть запитання. Консультант установи відповість у чаті, дзвінком у браузері або відео.\n\n- Обліковий запис не потрібен.\n- Консультація безкоштовна.\n- Можна писати польською, англійською, українською або російською.',
    },
    ru: {
      title: 'Как работает эта консультация',
      body: 'Выберите тему и напишите вопрос. Консультант учреждения ответит в чате, звонком в браузере или по видео.\n\n- Учётная запись не нужна.\n- Консультация бесплатная.\n- Можно писать по-польски, по-английски, по-украински или по-русски.',
    },
  }),
  article('office', 'hours-and-channels', {
    pl: {
      title: 'Godziny pracy i kanały kontaktu',
      body: 'Konsultanci odpowiadają w godzinach pracy pokazanych na stronie startowej.\n\n## Poza godzinami\n\nZostaw wiadomość: odpowiemy e-mailem w kolejnym dniu pracy.',
    },
    en: {
      title: 'Hours and channels',
      body: 'Consultants answer during the hours shown on the start page.\n\n## Outside the hours\n\nLeave a message: we answer by e-mail on the next working day.',
    },
    uk: {
      title: 'Години роботи та канали зв’язку',
      body: 'Консультанти відповідають у години роботи, зазначені на стартовій сторінці.\n\n## Поза робочими годинами\n\nЗалиште повідомлення: ми відповімо електронною поштою наступного робочого дня.',
    },
    ru: {
      title: 'Часы работы и каналы связи',
      body: 'Консультанты отвечают в часы работы, указанные на стартовой странице.\n\n## В нерабочее время\n\nОставьте сообщение: мы ответим по электронной почте в следующий рабочий день.',
    },
  }),
  article('office', 'how-to-book-a-call', {
    pl: {
      title: 'Jak umówić rozmowę',
      body: 'Na stronie startowej wybierz **Umów rozmowę**, potem dzień i godzinę. Dostaniesz e-mail z prywatnym linkiem do rozmowy.\n\nLinkiem możesz też odwołać termin.',
    },
    en: {
      title: 'How to book a call',
      body: 'On the start page choose **Book a call**, then a day and a time. You get an e-mail with a private link to the call.\n\nThe same link lets you cancel.',
    },
    uk: {
      title: 'Як записатися на розмову',
      body: 'На стартовій сторінці оберіть **Записатися на розмову**, потім день і час. Ви отримаєте електронний лист із приватним посиланням на розмову.\n\nЗа цим посиланням можна також скасувати запис.',
    },
    ru: {
      title: 'Как записаться на разговор',
      body: 'На стартовой странице выберите **Записаться на разговор**, затем день и время. Вы получите письмо с личной ссылкой на разговор.\n\nПо этой ссылке можно также отменить запись.',
    },
  }),
  article('office', 'before-a-call', {
    pl: {
      title: 'Co przygotować przed rozmową',
      body: '- numer sprawy, jeśli go masz,\n- paszport lub kartę pobytu,\n- decyzje i pisma z urzędu,\n- listę pytań.\n\nNie wysyłaj skanów dokumentów, dopóki konsultant o nie nie poprosi.',
    },
    en: {
      title: 'What to prepare before a call',
      body: '- your case number, if you have one,\n- your passport or residence card,\n- decisions and letters from the office,\n- a list of your questions.\n\nDo not send scans of documents until a consultant asks for them.',
    },
    uk: {
      title: 'Що підготувати перед розмовою',
      body: '- номер справи, якщо він у вас є,\n- паспорт або карту побиту,\n- рішення та листи з установи,\n- список запитань.\n\nНе надсилайте скани документів, доки консультант про них не попросить.',
    },
    ru: {
      title: 'Что подготовить перед разговором',
      body: '- номер дела, если он у вас есть,\n- паспорт или карту побыту,\n- решения и письма из учреждения,\n- список вопросов.\n\nНе отправляйте сканы документов, пока консультант о них не попросит.',
    },
  }),
  article('case_status', 'where-to-check-case-status', {
    pl: {
      title: 'Gdzie sprawdzić status sprawy',
      body: 'Status sprawy o zezwolenie na pobyt sprawdzisz w systemie urzędu, podając numer sprawy. Jeśli brakuje dokumentów, urząd wyśle wezwanie pocztą.\n\nMożesz też zapytać konsultanta na czacie.',
    },
    en: {
      title: 'Where to check a case’s status',
      body: 'You can check the status of your residence permit case in the office’s system with your case number. If documents are missing, the office sends a request by post.\n\nYou may also ask a consultant in the chat.',
    },
    uk: {
      title: 'Де перевірити статус справи',
      body: 'Статус справи щодо дозволу на проживання можна перевірити в системі установи за номером справи. Якщо бракує документів, установа надішле виклик поштою.\n\nТакож можна запитати консультанта в чаті.',
    },
    ru: {
      title: 'Где проверить статус дела',
      body: 'Статус дела о разрешении на пребывание можно проверить в системе учреждения по номеру дела. Если не хватает документов, учреждение пришлёт вызов по почте.\n\nТакже можно спросить консультанта в чате.',
    },
  }),
];
