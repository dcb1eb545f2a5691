// JWTs for the gateway APIs: HS256 over a per-simulator secret, with iat/exp. Real Qualys tokens are opaque
// to clients too; what matters is that they expire and that a forged or foreign token is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class JwtIssuer {
  constructor(private readonly secret: string, private readonly lifetimeSec: number) {}

  issue(user: string, nowMs: number): string {
    const iat = Math.floor(nowMs / 1000);
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify({ sub: user, iss: 'qualys-simulator', iat, exp: iat + this.lifetimeSec, jti: `${iat}-${Math.floor(Math.random() * 1e9)}` }));
    return `${head}.${body}.${this.sign(`${head}.${body}`)}`;
  }

  /** 'ok', 'expired' or 'invalid'. */
  check(token: string, nowMs: number): 'ok' | 'expired' | 'invalid' {
    const parts = token.split('.');
    if (parts.length !== 3) return 'invalid';
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const got = Buffer.from(parts[2]);
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) return 'invalid';
    try {
      const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: number };
      if (typeof payload.exp !== 'number') return 'invalid';
      return payload.exp * 1000 <= nowMs ? 'expired' : 'ok';
    } catch {
      return 'invalid';
    }
  }

  private sign(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}
