export type { components, operations, paths } from './openapi';
export { newsroomClient, type NewsroomClient } from './client';
