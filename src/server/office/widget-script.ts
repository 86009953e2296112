/**
 * widget.js, the script an office puts on its own site: one custom element, <e-konsultant-desk>,
 * whose launcher says whether the desk is open and opens the visitor page in a panel (an iframe)
 * on wide screens or in a new tab on phones. It sets no cookie and keeps nothing on the host page
 * but the element: styles are a constructed style sheet in its shadow root (no inline style, so a
 * strict host CSP needs only script-src, connect-src and frame-src for the desk), and the
 * conversation lives in the desk's own storage inside the frame, so it survives the host page
 * being reloaded. Plain ES2019, written small (budget: 5 KB gzip; bench/bundle-size.ts).
 */
export const WIDGET_ELEMENT = 'e-konsultant-desk';

export const WIDGET_SCRIPT = `(() => {
  const script = document.currentScript;
  const tag = '${WIDGET_ELEMENT}';
  if (!script || customElements.get(tag)) return;
  const desk = new URL(script.src).origin;
  const data = script.dataset;
  const css = ':host{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;font:16px/1.4 system-ui,sans-serif}' +
    'button{font:inherit;cursor:pointer;border:2px solid #fff;border-radius:2rem;padding:.75rem 1.25rem;background:#0b4f9c;color:#fff;box-shadow:0 2px 8px #0006}' +
    'button:focus-visible{outline:3px solid #b3400a;outline-offset:2px}' +
    '.dot{display:inline-block;width:.6rem;height:.6rem;border-radius:50%;margin-right:.5rem;background:#9aa}' +
    '.open .dot{background:#3c3}' +
    '.panel{position:fixed;right:1rem;bottom:5rem;width:min(26rem,calc(100vw - 2rem));height:min(40rem,calc(100vh - 7rem));display:flex;flex-direction:column;background:#fff;border:1px solid #555;border-radius:.5rem;box-shadow:0 4px 16px #0006;overflow:hidden}' +
    '.panel[hidden]{display:none}.panel button{align-self:flex-end;margin:.25rem;padding:.25rem .75rem;border-radius:.25rem}' +
    'iframe{flex:1;border:0;width:100%}';
  class DeskWidget extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      const query = new URLSearchParams();
      const lang = data.lang || document.documentElement.lang.slice(0, 2);
      if (lang) query.set('lang', lang);
      if (data.topic) query.set('topic', data.topic);
      const page = desk + '/?' + query;
      const launcher = document.createElement('button');
      launcher.type = 'button';
      launcher.setAttribute('aria-expanded', 'false');
      launcher.setAttribute('part', 'launcher');
      const dot = document.createElement('span');
      dot.className = 'dot';
      dot.setAttribute('aria-hidden', 'true');
      const label = document.createElement('span');
      launcher.append(dot, label);
      const panel = document.createElement('div');
      panel.className = 'panel';
      panel.hidden = true;
      const close = document.createElement('button');
      close.type = 'button';
      panel.append(close);
      root.append(panel, launcher);
      let frame;
      const show = (open) => {
        panel.hidden = !open;
        launcher.setAttribute('aria-expanded', String(open));
        if (open && !frame) {
          frame = document.createElement('iframe');
          frame.src = page;
          frame.title = label.textContent;
          frame.allow = 'camera; microphone; autoplay; display-capture';
          panel.append(frame);
        }
        (open ? close : launcher).focus();
      };
      launcher.onclick = () => {
        if (matchMedia('(max-width: 40rem)').matches) window.open(page, '_blank', 'noopener');
        else show(panel.hidden);
      };
      close.onclick = () => show(false);
      panel.onkeydown = (event) => { if (event.key === 'Escape') show(false); };
      fetch(desk + '/api/office/widget?' + query, { credentials: 'omit' })
        .then((response) => response.json())
        .then((status) => {
          label.textContent = status.label;
          close.textContent = status.close;
          launcher.classList.toggle('open', status.open);
          launcher.dataset.state = status.open ? 'open' : 'closed';
        })
        .catch(() => {
          label.textContent = desk;
          launcher.dataset.state = 'unknown';
        });
    }
  }
  customElements.define(tag, DeskWidget);
  document.body.append(document.createElement(tag));
})();
`;
