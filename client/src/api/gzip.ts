/** Inflates gzip bodies (PCRS postureInfo with compressionRequired=1) under an output bound. */
import type * as Zlib from 'node:zlib';
import { apiError } from './errors';
import { fail, ok, type Result } from './result';
import { plural } from '../../../common/plural';

export function isGzip(body: Buffer): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

let zlib: typeof Zlib | undefined;

export function inflate(body: Buffer, maxOutputBytes: number): Promise<Result<Buffer>> {
  // Node's zlib costs the extension host about 10 ms to load: only a compressed answer needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point
  zlib ??= require('node:zlib') as typeof Zlib;
  return new Promise((resolve) => {
    zlib!.gunzip(body, { maxOutputLength: maxOutputBytes }, (error, out) => {
      if (error) {
        const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        resolve(fail(tooLarge
          ? apiError('too-large', `The compressed answer inflates beyond ${plural(maxOutputBytes, 'byte')}.`)
          : apiError('bad-gzip', `The compressed answer is corrupt and cannot be inflated (${error.message}).`)));
      } else resolve(ok(out));
    });
  });
}
