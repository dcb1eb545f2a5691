// Qualys' error answers as the simulator writes them. Codes and texts: reference/qualys/params/
// error_codes.reference.json and the samples under reference/qualys/samples/responses/.
import type { Ctx, SimResponse } from './routes/types';
import { simpleReturn } from './xml/simpleReturn';

export function foError(ctx: Ctx, code: number, text: string, status = 400): SimResponse {
  return { status, kind: 'xml', body: simpleReturn(ctx.base, ctx.now, { code, text }) };
}

/** 409 CODE 1960: too many calls in flight (fixture simple_return_error_1960_concurrency_limit_http409). */
export function concurrencyError(ctx: Ctx, running: number): SimResponse {
  const n = Math.max(1, running);
  return {
    status: 409,
    kind: 'xml',
    body: simpleReturn(ctx.base, ctx.now, {
      code: 1960,
      text: `This API cannot be run again until ${n} currently running API instance${n === 1 ? ' has' : 's have'} finished.`,
      items: [{ key: 'CALLS_TO_FINISH', values: [String(n)] }],
    }),
  };
}

/** 409 CODE 1965: the window's calls are used up (fixture simple_return_error_1965_rate_limit_http409). */
export function rateError(ctx: Ctx, secondsToWait: number): SimResponse {
  const h = Math.floor(secondsToWait / 3600);
  const m = Math.floor((secondsToWait % 3600) / 60);
  const s = secondsToWait % 60;
  return {
    status: 409,
    kind: 'xml',
    body: simpleReturn(ctx.base, ctx.now, {
      code: 1965,
      text: `This API cannot be run again for another ${h} hours, ${m} minutes and ${s} seconds.`,
      items: [{ key: 'SECONDS_TO_WAIT', values: [String(secondsToWait)] }],
    }),
  };
}

/** HTTP 200 with CODE 2001, as recorded from a live expired account (no rate-limit headers either). */
export function accountExpired(ctx: Ctx): SimResponse {
  return { status: 200, kind: 'xml', body: simpleReturn(ctx.base, ctx.now, { code: 2001, text: 'This account has expired.' }), noLimitHeaders: true };
}

export function badLogin(ctx: Ctx): SimResponse {
  return {
    status: 401,
    kind: 'xml',
    body: simpleReturn(ctx.base, ctx.now, { code: 2000, text: 'Bad Login/Password' }),
    headers: { 'WWW-Authenticate': 'Basic realm="MSP Portal"' },
    noLimitHeaders: true,
  };
}

/** PCRS JSON error bodies (reference/qualys/samples/responses/pcrs_error_responses.qualys-doc-sample.json). */
export const pcrsErrors = {
  invalidCredentials: { authentication_exceptions: [['Authentication Failure: 1 errors, 0      successes:authenticationFailure.InvalidCredentialsException']] },
  jwtExpired: { status: 401, error: 'Unauthorized', message: 'JWT expired' },
  notAuthenticated: { status: 401, error: 'Unauthorized', message: 'Not authenticated' },
  invalidInput: { message: 'Invalid input Parameter.' },
};
