import type { TestApp } from './test-app';
import type { TestUser } from './auth';

export interface TestAsset {
  id: string;
  symbol: string;
  assetType: string;
}

/** An asset created by the admin, with an optional first price. */
export async function givenAsset(
  t: TestApp,
  admin: TestUser,
  asset: { symbol: string; assetType: string; price?: string; currency?: string; priceAsOf?: string },
): Promise<TestAsset> {
  const response = await t
    .http()
    .post('/api/v1/assets')
    .set(admin.auth)
    .send({ name: `${asset.symbol} fund`, currency: 'USD', ...asset })
    .expect(201);
  return { id: response.body.id, symbol: response.body.symbol, assetType: response.body.assetType };
}
