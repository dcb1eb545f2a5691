/**
 * Checks one parameter value against its catalog entry: enumerations (single or comma separated,
 * with aliases), integers and ranges, dates, ID lists, IP lists, lengths, ASCII and patterns.
 */
import type { ParamSpec } from './catalogTypes';
import type { MessageId } from './requestMessages';
import { NearMissMemo } from '../common/nearMiss';
import { plural } from '../../../common/plural';

const suggestions = new NearMissMemo();

export interface ValueProblem {
  readonly id: MessageId;
  readonly args: Record<string, string | number>;
  /** The value that fixes it, when one is clearly meant. */
  readonly suggestion?: string;
  /** Offset of the bad part inside the value (for comma separated lists). */
  readonly from?: number;
  readonly to?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/;
const ID_ITEM = /^\d+(?:-\d+)?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return false;
  return true;
}

export function isIdList(value: string): boolean {
  const items = value.split(',');
  // Scripts that append "id," to a list leave one trailing comma; a real call's list is not wrong for it.
  if (items.length > 1 && items[items.length - 1]!.trim() === '') items.pop();
  return items.every((item) => ID_ITEM.test(item.trim()));
}

function isIpItem(item: string): boolean {
  if (item.includes(':')) return /^[0-9a-fA-F:.]+(?:\/\d{1,3})?$/.test(item); // IPv6
  const cidr = /^(.+)\/(\d{1,2})$/.exec(item);
  if (cidr) return IPV4.test(cidr[1]!) && Number(cidr[2]) <= 32;
  const range = item.split('-');
  return range.length <= 2 && range.every((part) => IPV4.test(part.trim()));
}

export function isSingleIp(value: string): boolean {
  const item = value.trim();
  return !item.includes(',') && !item.includes('-') && !item.includes('/') && (IPV4.test(item) || /^[0-9a-fA-F:]+$/.test(item));
}

function enumMatch(spec: ParamSpec, item: string): boolean {
  const values = spec.values ?? [];
  if (spec.aliases && item in spec.aliases) return true;
  if (spec.caseInsensitive) return values.some((v) => v.toLowerCase() === item.toLowerCase());
  return values.includes(item);
}

function range(spec: ParamSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return `between ${spec.min} and ${spec.max}`;
  if (spec.min !== undefined) return `${spec.min} or more`;
  return `${spec.max ?? ''} or less`;
}

export function checkValue(spec: ParamSpec, value: string): ValueProblem | undefined {
  const param = spec.name;
  if (value === '' && spec.type !== 'string') return { id: 'emptyValue', args: { param } };
  switch (spec.type) {
    case 'enum': {
      const items = spec.multiple ? value.split(',') : [value];
      let offset = 0;
      for (const raw of items) {
        const item = raw.trim();
        if (!enumMatch(spec, item)) {
          const suggestion = suggestions.nearMiss(spec, item, () => spec.values ?? []);
          return {
            id: 'badEnum',
            args: { param, value: item, allowed: (spec.values ?? []).join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
            ...(suggestion ? { suggestion } : {}),
            ...(spec.multiple ? { from: offset, to: offset + raw.length } : {}),
          };
        }
        offset += raw.length + 1;
      }
      return undefined;
    }
    case 'integer': {
      if (!/^-?\d+$/.test(value.trim())) return { id: 'badInteger', args: { param, value } };
      const n = Number(value);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return { id: 'outOfRange', args: { param, value, range: range(spec) } };
      }
      return undefined;
    }
    case 'date':
      return isDate(value.trim()) ? undefined : { id: 'badDate', args: { param, value } };
    case 'idList':
      return isIdList(value) ? undefined : { id: 'badIdList', args: { param, value } };
    case 'ipList':
      return value.split(',').every((item) => isIpItem(item.trim())) ? undefined : { id: 'badIpList', args: { param, value } };
    default: {
      if (spec.minLength !== undefined && value.length < spec.minLength) return { id: 'tooShort', args: { param, min: plural(spec.minLength, 'character') } };
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        return { id: 'tooLong', args: { param, max: plural(spec.maxLength, 'character'), length: value.length } };
      }
      // eslint-disable-next-line no-control-regex
      if (spec.ascii && /[^\x00-\x7f]/.test(value)) return { id: 'notAscii', args: { param } };
      if (spec.pattern && !spec.pattern.test(value)) return { id: 'badPattern', args: { param, value, pattern: spec.patternText ?? spec.pattern.source } };
      return undefined;
    }
  }
}
