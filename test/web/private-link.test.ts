import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/web/common/storage';
import { takePrivateToken, type AddressBar } from '../../src/web/visitor/private-link';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

function addressBar(hash: string): AddressBar & { replaced: string[] } {
  const replaced: string[] = [];
  return { location: { hash, pathname: '/booking', search: '?lang=uk' }, history: { replaceState: (_state, _title, url) => void replaced.push(String(url)) }, replaced };
}

describe('takePrivateToken', () => {
  it('takes the token out of the address bar and keeps it for a reload of this tab', () => {
    const storage = memoryStorage();
    const opened = addressBar(`#${TOKEN}`);
    expect(takePrivateToken('booking', opened, storage)).toBe(TOKEN);
    expect(opened.replaced).toEqual(['/booking?lang=uk']);
    const reloaded = addressBar('');
    expect(takePrivateToken('booking', reloaded, storage)).toBe(TOKEN);
    expect(reloaded.replaced).toEqual([]);
  });

  it('has no token without a link or a kept one, and ignores what is not a token', () => {
    expect(takePrivateToken('message', addressBar('#<script>'), memoryStorage())).toBeNull();
    expect(takePrivateToken('message', addressBar(''), memoryStorage())).toBeNull();
  });
});
