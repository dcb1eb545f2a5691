/** Inflates gzip bodies (PCRS postureInfo with compressionRequired=1) under an output bound. */
import { gunzip } from 'node:zlib';
import { apiError } from './errors';
import { fail, ok, type Result } from './result';
import { plural } from '../../../common/plural';

export function isGzip(body: Buffer): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

export function inflate(body: Buffer, maxOutputBytes: number): Promise<Result<Buffer>> {
  return new Promise((resolve) => {
    gunzip(body, { maxOutputLength: maxOutputBytes }, (error, out) => {
      if (error) {
        const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        resolve(fail(tooLarge
          ? apiError('too-large', `The compressed answer inflates beyond ${plural(maxOutputBytes, 'byte')}.`)
          : apiError('bad-gzip', `The compressed answer is corrupt and cannot be inflated (${error.message}).`)));
      } else resolve(ok(out));
    });
  });
}
