import { prepareRuntime } from './runtime';
import { loadSettings } from './settings';

describe('the signing secret a deployment brings', () => {
  const A = 'a'.repeat(32);
  const B = 'b'.repeat(32);

  it('is JWT_SECRET, or the first of JWT_SECRETS during a rotation', () => {
    expect(loadSettings({ JWT_SECRET: A }).jwtSecret).toBe(A);
    expect(loadSettings({ JWT_SECRETS: `${B}, ${A}` }).jwtSecret).toBe(B);
    expect(loadSettings({ JWT_SECRET: A, JWT_SECRETS: `${A},${B}` }).jwtSecret).toBe(A);
    expect(loadSettings({}).jwtSecret).toBeUndefined();
  });

  it('is required with DATABASE_URL, where JWT_SECRETS alone will do', async () => {
    await expect(prepareRuntime(loadSettings({ DATABASE_URL: 'postgres://nowhere/db' }))).rejects.toThrow(
      'JWT_SECRET (or JWT_SECRETS) is required when DATABASE_URL is set',
    );
    const runtime = await prepareRuntime(loadSettings({ DATABASE_URL: 'postgres://nowhere/db', JWT_SECRETS: `${B},${A}` }));
    expect(runtime.jwtSecret).toBe(B);
  });
});
