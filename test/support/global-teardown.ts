import 'tsconfig-paths/register';
import { tearDownCluster } from './test-cluster';

export default async function globalTeardown(): Promise<void> {
  await tearDownCluster();
}
