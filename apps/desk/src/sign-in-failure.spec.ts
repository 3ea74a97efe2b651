import { explainSignInFailure } from './sign-in-failure';

const explain = (thrown: unknown) => explainSignInFailure(thrown, 'Contoso sign-in');

describe('explainSignInFailure', () => {
  it('says the person cancelled or was refused at the provider', () => {
    expect(explain({ code: 'OAUTH_AUTHORIZATION_RESPONSE_ERROR', error: 'access_denied' })).toBe(
      'Contoso sign-in did not sign you in: you cancelled, or your account may not use the desk. Try again, or ask your administrator.',
    );
    expect(
      explain({
        code: 'OAUTH_AUTHORIZATION_RESPONSE_ERROR',
        error: 'invalid_scope',
        error_description: 'unknown scope newsroom',
      }),
    ).toBe('Contoso sign-in refused the sign-in (unknown scope newsroom). Try again, or ask your administrator.');
  });

  it('says when the code could not be redeemed', () => {
    expect(
      explain({ code: 'OAUTH_RESPONSE_BODY_ERROR', error: 'invalid_grant', error_description: 'grant request is invalid' }),
    ).toBe('Contoso sign-in would not complete the sign-in (grant request is invalid). Sign in again.');
  });

  it('treats an answer with another state as one this tab did not ask for', () => {
    expect(explain({ code: 'OAUTH_INVALID_RESPONSE', message: 'unexpected "state" response parameter value' })).toBe(
      'That sign-in through Contoso sign-in did not start in this tab, or was already used. Sign in again.',
    );
  });

  it('says when the provider cannot be reached, and anything else with its message', () => {
    expect(explain(new TypeError('Failed to fetch'))).toBe(
      'Contoso sign-in could not be reached. Check your connection and try again.',
    );
    expect(explain(new Error('boom'))).toBe('Signing in through Contoso sign-in failed (boom). Try again.');
  });
});
