import type { AppConfig } from '../config/app-config';

/**
 * The Content-Security-Policy directives over helmet's strict defaults. Swagger UI needs inline
 * scripts and styles. The desk signing in through the provider reads its discovery document and
 * exchanges the code at its token endpoint from the browser, so the issuer's origin may be
 * fetched too (Keycloak, Entra ID and Okta serve both there).
 */
export function contentSecurityDirectives(config: Pick<AppConfig, 'identity'>): Record<string, string[]> {
  const oidc = config.identity?.oidc;
  const provider = oidc?.desk ? [new URL(oidc.issuer).origin] : [];
  return { 'script-src': ["'self'", "'unsafe-inline'"], 'connect-src': ["'self'", ...provider] };
}
