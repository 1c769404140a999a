import { isPublicAddress, refuseTarget } from './public-address';

describe('isPublicAddress', () => {
  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '151.101.1.69'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '2001:db8::1',
    'not an address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('refuseTarget', () => {
  it('wants https unless private targets are allowed', async () => {
    expect(await refuseTarget('http://8.8.8.8/hook', false)).toEqual({ rule: 'httpsUrl', message: 'must be an https URL' });
    expect(await refuseTarget('http://127.0.0.1:4000/hook', true)).toBeNull();
    expect(await refuseTarget('ftp://127.0.0.1/hook', true)).toEqual({ rule: 'httpsUrl', message: 'must be an http or https URL' });
  });

  it('refuses literal and resolved internal addresses', async () => {
    expect(await refuseTarget('https://127.0.0.1/hook', false)).toMatchObject({ rule: 'publicAddress' });
    expect(await refuseTarget('https://[::1]/hook', false)).toMatchObject({ rule: 'publicAddress' });
    expect(await refuseTarget('https://localhost/hook', false)).toMatchObject({ rule: 'publicAddress' });
    expect(await refuseTarget('https://8.8.8.8/hook', false)).toBeNull();
  });

  it('refuses credentials in the URL and names that do not resolve', async () => {
    expect(await refuseTarget('https://user:pw@8.8.8.8/hook', false)).toMatchObject({ rule: 'httpsUrl' });
    expect(await refuseTarget('https://no-such-host.invalid/hook', false)).toMatchObject({ rule: 'resolvable' });
  });
});
