import { useEffect, useState } from 'preact/hooks';
import { BLOCK_ROUTES, type VisitorBlock } from '../../../shared/protocol';
import { api, errorCodeOf, type ApiErrorCode } from '../../common/api';
import { errorText } from '../../common/error-text';
import { formatTimeOrDate } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';

/** The visitor blocks in force, with who made each and why; a supervisor lifts one. */
export function BlocksPanel({ onLifted }: { onLifted: (text: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const [blocks, setBlocks] = useState<VisitorBlock[] | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const load = () =>
    api(BLOCK_ROUTES.list).then(
      (answer) => setBlocks(answer.blocks),
      (error: unknown) => setFailure(errorCodeOf(error)),
    );
  useEffect(() => void load(), []);

  const lift = async (id: string) => {
    setFailure(null);
    try {
      await api(BLOCK_ROUTES.lift, { params: { id } });
      onLifted(t('console:blocks.lifted'));
    } catch (error) {
      setFailure(errorCodeOf(error));
    }
    await load();
  };

  return (
    <section class="panel" aria-labelledby="supervisor-blocks-heading" data-testid="supervisor-blocks">
      <h3 id="supervisor-blocks-heading">
        {t('console:blocks.heading')} <span class="badge">{blocks?.length ?? 0}</span>
      </h3>
      {failure && (
        <p class="field-error" role="alert">
          {errorText(t, failure)}
        </p>
      )}
      {blocks?.length === 0 ? (
        <p class="empty">{t('console:blocks.none')}</p>
      ) : (
        <table class="supervisor-table">
          <thead>
            <tr>
              <th scope="col">{t('console:blocks.until')}</th>
              <th scope="col">{t('console:blocks.by')}</th>
              <th scope="col">{t('console:blocks.reason')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('console:blocks.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {blocks?.map((block) => (
              <tr key={block.id} data-testid="block-row">
                <td>{formatTimeOrDate(block.until, language)}</td>
                <td>
                  <bdi>{block.blockedBy}</bdi>
                </td>
                <td>
                  <bdi>{block.reason}</bdi>
                </td>
                <td>
                  <button type="button" class="secondary" data-testid="block-lift" onClick={() => void lift(block.id)}>
                    {t('console:blocks.lift')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
