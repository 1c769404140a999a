import { deriveId } from './ledger';

describe('derived ids', () => {
  it('is the RFC 9562 UUIDv5 of the parts joined by ":" in the ledger namespace', () => {
    // Computed independently: uuid.uuid5(UUID('864b64fb-7f17-443e-ab02-95618d61929e'), '<sell>:<lot>') in Python.
    expect(deriveId('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222')).toBe('ab1fdbb3-b55b-5593-9cb0-968f511ebccd');
    expect(deriveId('11111111-1111-4111-8111-111111111111', 'rest')).toBe('07689eec-b3df-52f1-b426-00e19ae08cc1');
  });

  it('depends on the order of the parts', () => {
    expect(deriveId('a', 'b')).not.toBe(deriveId('b', 'a'));
  });
});
