import { SetMetadata } from '@nestjs/common';

export const CONSUMES = 'newsroom:consumes';

/** The media types a route accepts as its body; others get 415. Routes without it take JSON. */
export const Consumes = (...mediaTypes: string[]) => SetMetadata(CONSUMES, mediaTypes);
