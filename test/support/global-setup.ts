// Jest loads global setup outside its module system: path aliases need registering here.
import 'tsconfig-paths/register';
import { setUpCluster } from './test-cluster';

export default async function globalSetup(): Promise<void> {
  await setUpCluster();
}
