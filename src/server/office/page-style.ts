/** The style of the office's server-rendered pages, served as /office.css: readable, printable, high contrast. */
export const OFFICE_CSS = `
body { font: 1.0625rem/1.6 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
.funding-image, video { max-width: 100%; height: auto; }
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: #fff; color: #0b4f9c; padding: 0.5rem 1rem; border: 2px solid #0b4f9c; }
.skip-link:focus { top: 0.5rem; }
.office-header { padding: 1rem; background: #0b4f9c; }
.office-header a { color: #fff; font-weight: 700; font-size: 1.25rem; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #b3400a; outline-offset: 2px; }
.office-footer { border-top: 1px solid #6b6b6b; padding: 1rem; max-width: 48rem; margin: 2rem auto 0; }
.office-footer ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.poster .poster-qr svg { width: 9cm; height: 9cm; display: block; margin: 0.5rem auto; }
.poster main > * { margin-top: 0.5rem; margin-bottom: 0.5rem; }
.poster .poster-hours { columns: 2; }
.poster .poster-link { text-align: center; word-break: break-all; }
.poster .poster-languages { list-style: none; padding: 0; font-size: 1.25rem; font-weight: 700; text-align: center; columns: 2; }
.poster h1 { text-align: center; font-size: 2rem; }
@page { size: A4; margin: 15mm; }
@media print {
  .skip-link, .office-footer, .office-header { display: none; }
  body { font-size: 12pt; }
  .poster main { max-width: none; }
  a { color: inherit; text-decoration: none; }
}
`;
