/**
 * A private link the visitor has to keep. Without e-mail it is their only way back to their
 * message or booking, so it is shown whole, with a button that copies it.
 */
import { useRef, useState } from 'preact/hooks';
import { useT } from '../common/i18n';
import './keep-private-link.css';

export function KeepPrivateLink({ href, testId }: { href: string; testId: string }) {
  const t = useT();
  const url = new URL(href, location.href).href;
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const failed = () => {
    // Selected, it is one keystroke away from the clipboard.
    inputRef.current?.select();
    setCopied('failed');
  };
  const copy = () => {
    // Only secure contexts (https, localhost) have a clipboard to write to.
    if (!navigator.clipboard) return failed();
    navigator.clipboard.writeText(url).then(() => setCopied('copied'), failed);
  };
  return (
    <div class="keep-link" data-testid={testId}>
      <p class="keep-link__why">{t('visitor:privateLink.keep')}</p>
      <label for={`${testId}-url`}>{t('visitor:privateLink.label')}</label>
      <div class="keep-link__row">
        <input
          id={`${testId}-url`}
          ref={inputRef}
          data-testid={`${testId}-url`}
          type="text"
          readOnly
          dir="ltr"
          value={url}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" data-testid={`${testId}-copy`} onClick={copy}>
          {t('visitor:privateLink.copy')}
        </button>
      </div>
      <p role="status" class="hint" data-testid={`${testId}-copied`}>
        {copied && t(copied === 'copied' ? 'visitor:privateLink.copied' : 'visitor:privateLink.copyFailed')}
      </p>
    </div>
  );
}
