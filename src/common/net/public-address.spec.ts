import { isAllowedTarget, isMetadataAddress, isPublicAddress, refuseTarget } from './public-address';

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

  // An IPv6 form that embeds an IPv4 address reaches that IPv4 host, so it is judged as it.
  it.each([
    ['::169.254.169.254', 'IPv4-compatible', '169.254.169.254', false],
    ['::127.0.0.1', 'IPv4-compatible', '127.0.0.1', false],
    ['::7f00:1', 'IPv4-compatible, hex', '127.0.0.1', false],
    ['::10.0.0.1', 'IPv4-compatible', '10.0.0.1', false],
    ['::a9fe:a9fe', 'IPv4-compatible, hex', '169.254.169.254', false],
    ['::192.168.1.1', 'IPv4-compatible', '192.168.1.1', false],
    ['::100.64.0.1', 'IPv4-compatible', '100.64.0.1', false],
    ['::8.8.8.8', 'IPv4-compatible', '8.8.8.8', true],
    ['::ffff:169.254.169.254', 'IPv4-mapped', '169.254.169.254', false],
    ['::ffff:7f00:1', 'IPv4-mapped, hex', '127.0.0.1', false],
    ['::ffff:172.16.0.1', 'IPv4-mapped', '172.16.0.1', false],
    ['::ffff:8.8.8.8', 'IPv4-mapped', '8.8.8.8', true],
    ['64:ff9b::169.254.169.254', 'NAT64', '169.254.169.254', false],
    ['64:ff9b::7f00:1', 'NAT64, hex', '127.0.0.1', false],
    ['64:ff9b::10.0.0.1', 'NAT64', '10.0.0.1', false],
    ['64:ff9b::8.8.8.8', 'NAT64', '8.8.8.8', true],
    ['2002:a9fe:a9fe::1', '6to4', '169.254.169.254', false],
    ['2002:7f00:1::', '6to4', '127.0.0.1', false],
    ['2002:c0a8:101::1', '6to4', '192.168.1.1', false],
    ['2002:808:808::1', '6to4', '8.8.8.8', true],
  ])('%s (%s of %s) is public: %s', (address, _form, _ipv4, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it.each(['64:ff9b:1::8.8.8.8', '64:ff9b:1:808:8:800::', '64:ff9b:1::a9fe:a9fe'])('%s, local-use NAT64, is never public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('cloud metadata addresses', () => {
  it.each([
    ['169.254.169.254', true],
    ['fd00:ec2::254', true],
    ['FD00:EC2:0:0:0:0:0:254', true],
    ['169.254.170.2', true],
    ['100.100.100.200', true],
    ['::169.254.169.254', true],
    ['::ffff:a9fe:a9fe', true],
    ['64:ff9b::169.254.169.254', true],
    ['2002:a9fe:a9fe::', true],
    ['169.254.169.253', false],
    ['127.0.0.1', false],
    ['8.8.8.8', false],
  ])('%s is a metadata address: %s', (address, expected) => {
    expect(isMetadataAddress(address)).toBe(expected);
  });

  it.each(['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254', '::169.254.169.254'])(
    '%s is refused even when private targets are allowed',
    (address) => {
      expect(isAllowedTarget(address, true)).toBe(false);
      expect(isAllowedTarget(address, false)).toBe(false);
    },
  );

  it('allows private addresses, and only them, when private targets are allowed', () => {
    expect(['127.0.0.1', '10.0.0.1', '::1', '::7f00:1'].map((address) => [address, isAllowedTarget(address, true), isAllowedTarget(address, false)])).toEqual([
      ['127.0.0.1', true, false],
      ['10.0.0.1', true, false],
      ['::1', true, false],
      ['::7f00:1', true, false],
    ]);
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

  it.each([
    'https://[::169.254.169.254]/hook',
    'https://[::127.0.0.1]/hook',
    'https://[::7f00:1]/hook',
    'https://[::10.0.0.1]/hook',
    'https://[64:ff9b::a9fe:a9fe]/hook',
    'https://[2002:a00:1::1]/hook',
  ])('refuses %s, an IPv6 literal carrying an internal IPv4 address', async (url) => {
    expect(await refuseTarget(url, false)).toMatchObject({ rule: 'publicAddress', message: expect.stringMatching(/not a public address|cloud metadata/) });
  });

  it('refuses metadata services even when private targets are allowed', async () => {
    expect(await refuseTarget('http://169.254.169.254/latest/meta-data/', true)).toEqual({
      rule: 'publicAddress',
      message: 'host 169.254.169.254 resolves to 169.254.169.254, which is a cloud metadata address',
    });
    expect(await refuseTarget('http://[fd00:ec2::254]/latest/meta-data/', true)).toMatchObject({ rule: 'publicAddress' });
    expect(await refuseTarget('http://[::ffff:169.254.169.254]/', true)).toMatchObject({ rule: 'publicAddress' });
    expect(await refuseTarget('http://127.0.0.1:4000/hook', true)).toBeNull();
  });

  it('refuses credentials in the URL and names that do not resolve', async () => {
    expect(await refuseTarget('https://user:pw@8.8.8.8/hook', false)).toMatchObject({ rule: 'httpsUrl' });
    expect(await refuseTarget('https://no-such-host.invalid/hook', false)).toMatchObject({ rule: 'resolvable' });
  });
});
