/**
 * Hostile documents of every kind the language server reads, about 1 MB each unless asked
 * otherwise: long non-ASCII names, deep nesting, many attributes, many siblings, huge text nodes,
 * unclosed tags, many entity and character references, many `{{variables}}`, long names and values
 * where did-you-mean would compare them. Issue 10, finding 1: each must get its diagnostics within
 * 1 s and 300 MB (bench/hostile.bench.ts measures; test/protocol/hostile.test.ts checks the caps).
 */

export type DocumentKind = 'option profile' | 'QPS .xml' | 'request file' | 'request: QPS body' | 'request: option profile body' | 'request: JSON body' | 'http file';

export interface HostileDocument {
  readonly name: string;
  readonly kind: DocumentKind;
  readonly languageId: string;
  readonly extension: string;
  readonly text: string;
}

const MB = 1_000_000;

/** `unit(i)` repeated until the text is `size` characters long (the last unit may be cut). */
function fill(size: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

/** A run of non-ASCII XML name characters (Latin, Greek, CJK), `length` long, varying with `seed`. */
export function nonAsciiName(length: number, seed: number): string {
  const alphabets = ['éèêëàâäôöûüçñ', 'αβγδεζηθικλμνξοπρστυφχψω', '名前要素値設定性能', 'абвгдежзийклмнопрст'];
  const letters = alphabets[seed % alphabets.length]!;
  let name = '';
  for (let i = 0; i < length; i++) name += letters[(i * 7 + seed) % letters.length]!;
  return name;
}

const QPS_PREFIX = '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceRequest>\n<data>\n<AgentConfig>\n';
const QPS_SUFFIX = '\n</AgentConfig>\n</data>\n</ServiceRequest>\n';
const OP_PREFIX = '<?xml version="1.0" encoding="UTF-8" ?>\n<OPTION_PROFILES>\n<OPTION_PROFILE>\n<BASIC_INFO>\n<GROUP_NAME>Hostile</GROUP_NAME>\n<GROUP_TYPE>compliance</GROUP_TYPE>\n</BASIC_INFO>\n<SCAN>\n<PERFORMANCE>\n';
const OP_SUFFIX = '\n</PERFORMANCE>\n</SCAN>\n</OPTION_PROFILE>\n</OPTION_PROFILES>\n';
const QPS_REQUEST = 'POST {{baseUrl}}/qps/rest/1.0/create/ca/agentconfig/\nContent-Type: text/xml\n\n';
const OP_REQUEST = 'POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import\nContent-Type: text/xml\n\n';
const JSON_REQUEST = 'POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo\nContent-Type: application/json\n\n';

/** XML element content of about `size` characters, by shape; `known` is a name the schema knows there. */
function xmlContent(shape: string, size: number, known: string, enumElement: string): string {
  switch (shape) {
    case 'non-ASCII names':
      // Names of 200 to 4,000 characters, some closed by a different long name, some never closed.
      return fill(size, (i) => {
        const name = nonAsciiName(200 + ((i * 997) % 3800), i);
        if (i % 3 === 0) return `<${name}>x</${name}>\n`;
        if (i % 3 === 1) return `<${name}>y</${nonAsciiName(200 + ((i * 31) % 900), i + 1)}>\n`;
        return `<${name} ${nonAsciiName(300, i + 2)}="${nonAsciiName(500, i + 3)}">\n`;
      });
    case 'deep nesting': {
      const levels = Math.floor(size / (2 * known.length + 5));
      return `<${known}>`.repeat(levels) + `</${known}>`.repeat(levels);
    }
    case 'many attributes':
      return `<${known}${fill(size - 2 * known.length - 5, (i) => ` a${i}="${i % 2 ? 'v' : 'w'}"`)}></${known}>`;
    case 'many duplicate attributes':
      return `<${known}${fill(size - 2 * known.length - 5, () => ' a="1"')}></${known}>`;
    case 'many siblings':
      return fill(size, (i) => (i % 4 === 0 ? `<${known}>1</${known}>\n` : i % 4 === 1 ? `<${enumElement}>Hgh</${enumElement}>\n` : i % 4 === 2 ? `<UNKNOWN_${i % 50}/>\n` : `<${known}/>\n`));
    case 'huge text node':
      return `<${enumElement}>${fill(size - 2 * enumElement.length - 5, (i) => (i % 2 ? 'Normal' : 'Hgh '))}</${enumElement}>`;
    case 'huge non-ASCII value':
      return `<${enumElement}>${nonAsciiName(size - 2 * enumElement.length - 5, 3)}</${enumElement}>`;
    case 'unclosed tags':
      return fill(size, (i) => (i % 5 === 4 ? `</Z${i % 7}>` : `<${i % 2 ? known : `T${i % 13}`}>`));
    case 'many entities':
      return `<${enumElement}>${fill(size - 2 * enumElement.length - 5, (i) => ['&e;', '&#xFFFF;', '&amp;', '&#65;', '&', '&lt', `&n${i % 100};`][i % 7]!)}</${enumElement}>`;
    case 'many variables':
      return fill(size, (i) => `<${known}>{{v${i % 1000}}}</${known}>\n`);
    case 'unterminated markup':
      // Declarations, end tags, PIs and CDATA sections that never find their closing delimiter.
      return fill(size, (i) => ['<!x ', '</a ', '<?p ', '<![CDATA[ ', '<!-', `<${known} a="`][i % 6]!);
    case 'long lines of blanks':
      return `<${known}>1</${known}>${' '.repeat(size / 2)}<${known} ${'\t'.repeat(size / 2 - 40)}/>`;
    default:
      throw new Error(`unknown shape ${shape}`);
  }
}

export const XML_SHAPES = [
  'non-ASCII names',
  'deep nesting',
  'many attributes',
  'many duplicate attributes',
  'many siblings',
  'huge text node',
  'huge non-ASCII value',
  'unclosed tags',
  'many entities',
  'many variables',
  'unterminated markup',
  'long lines of blanks',
] as const;

/** A request file of about `size` characters, by shape (the request line, parameters, blocks). */
function requestContent(shape: string, size: number): string {
  const host = 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list';
  switch (shape) {
    case 'many parameters':
      return `${host}${fill(size - host.length, (i) => `&p${i % 5000}=${i}`)}\n`;
    case 'long parameter names':
      return fill(size, (i) => `###\n${host}&${nonAsciiName(500 + ((i * 13) % 3000), i)}=1&detai${'l'.repeat((i * 37) % 2000)}=All\n`);
    case 'long values':
      return fill(size, (i) => `###\n${host}&details=${nonAsciiName(300 + ((i * 17) % 4000), i)}&truncation_limit=${'9'.repeat(200)}\n`);
    case 'long paths':
      return fill(size, (i) => `###\nGET {{baseUrl}}/api/2.0/fo/${nonAsciiName(300 + ((i * 11) % 3000), i)}/?action=list\n`);
    case 'many blocks':
      return fill(size, (i) => `### r${i}\n${host}&show_tags=${i % 3}&detail=Al\n\n`);
    case 'many variables':
      return `@a = {{b}}\n@b = {{a}}\n${host}${fill(size - host.length - 30, (i) => `&ids={{v${i % 300}}}{{a}}`)}\n`;
    case 'one huge line':
      return `${host}&ips=${fill(size - host.length - 10, (i) => `10.0.${i % 256}.${i % 200}-x,`)}\n`;
    case 'runs of blanks':
      // Blanks inside a request line, a header, a variable and a @name comment: what a lazy
      // `(.*?)[ \t]*$` pattern pays for with the square of the run.
      return [
        `@v = a${' '.repeat(size / 5)}b`,
        `# @name x${' '.repeat(size / 5)}y`,
        `GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list${' '.repeat(size / 5)}x HTTP/1.1`,
        `X-Requested-With: a${'\t'.repeat(size / 5)}b`,
        '',
        `details=All${' '.repeat(size / 5)}&x=1`,
      ].join('\n');
    case 'braces':
      return `${host}&ids={{ ${' '.repeat(size / 2)}x&tag={{${'{{'.repeat(size / 4)}\n`;
    default:
      throw new Error(`unknown shape ${shape}`);
  }
}

export const REQUEST_SHAPES = ['many parameters', 'long parameter names', 'long values', 'long paths', 'many blocks', 'many variables', 'one huge line', 'runs of blanks', 'braces'] as const;

/** A JSON body of about `size` characters, by shape. */
function jsonContent(shape: string, size: number): string {
  switch (shape) {
    case 'deep nesting': {
      const levels = Math.floor(size / 2);
      return '['.repeat(levels) + ']'.repeat(levels);
    }
    case 'deep objects': {
      const levels = Math.floor(size / 8);
      return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    }
    case 'many items':
      return `[${fill(size - 2, (i) => `${i ? ',' : ''}{"policyId":"${i}","subscriptionId":"x${i}","hostIds":[${i},"a"],"extra${i % 100}":1}`)}]`;
    case 'long keys':
      return `[${fill(size - 2, (i) => `${i ? ',' : ''}{"${nonAsciiName(300 + ((i * 7) % 3000), i)}":"${nonAsciiName(500, i + 1)}","policyI${'d'.repeat(i % 1000)}":1}`)}]`;
    case 'many variables':
      return `[${fill(size - 2, (i) => `${i ? ',' : ''}{"policyId":{{p${i % 100}}},"subscriptionId":{{s}},"hostIds":[{{h}}]}`)}]`;
    case 'huge string':
      return `[{"policyId":"${fill(size - 20, () => 'x')}"}]`;
    default:
      throw new Error(`unknown shape ${shape}`);
  }
}

export const JSON_SHAPES = ['deep nesting', 'deep objects', 'many items', 'long keys', 'many variables', 'huge string'] as const;

/**
 * Every hostile document: each XML shape in each XML kind, request and JSON shapes, `size`
 * characters each; `wanted` picks some by their 'kind: shape' label (all by default).
 */
export function hostileDocuments(size = MB, wanted: (label: string) => boolean = () => true): HostileDocument[] {
  const docs: HostileDocument[] = [];
  const add = (name: string, kind: DocumentKind, languageId: string, extension: string, text: () => string): void => {
    if (wanted(`${kind}: ${name}`)) docs.push({ name, kind, languageId, extension, text: text() });
  };
  for (const shape of XML_SHAPES) {
    const op = (): string => OP_PREFIX + xmlContent(shape, size - OP_PREFIX.length - OP_SUFFIX.length, 'PARALLEL_SCALING', 'OVERALL_PERFORMANCE') + OP_SUFFIX;
    const qps = (): string => QPS_PREFIX + xmlContent(shape, size - QPS_PREFIX.length - QPS_SUFFIX.length, 'name', 'isDefault') + QPS_SUFFIX;
    add(shape, 'option profile', 'xml', 'xml', op);
    add(shape, 'QPS .xml', 'xml', 'xml', qps);
    add(shape, 'request: QPS body', 'qualys-request', 'qualys', () => QPS_REQUEST + qps());
    add(shape, 'request: option profile body', 'qualys-request', 'qualys', () => OP_REQUEST + op());
  }
  for (const shape of REQUEST_SHAPES) {
    add(shape, 'request file', 'qualys-request', 'qualys', () => requestContent(shape, size));
    add(shape, 'http file', 'http', 'http', () => requestContent(shape, size));
  }
  for (const shape of JSON_SHAPES) {
    add(shape, 'request: JSON body', 'qualys-request', 'qualys', () => JSON_REQUEST + jsonContent(shape, size - JSON_REQUEST.length));
  }
  return docs;
}

/** The document nested `levels` deep in the element (or JSON array) a kind nests naturally. */
export function deeplyNested(kind: DocumentKind, levels: number): HostileDocument {
  const nest = (name: string): string => `<${name}>\n`.repeat(levels) + `</${name}>\n`.repeat(levels);
  switch (kind) {
    case 'option profile':
      return { name: `${levels} levels`, kind, languageId: 'xml', extension: 'xml', text: `<?xml version="1.0"?>\n${nest('OPTION_PROFILES')}\n` };
    case 'QPS .xml':
      return { name: `${levels} levels`, kind, languageId: 'xml', extension: 'xml', text: `<ServiceRequest><data><AgentConfig>${nest('tags')}</AgentConfig></data></ServiceRequest>\n` };
    case 'request: QPS body':
      return { name: `${levels} levels`, kind, languageId: 'qualys-request', extension: 'qualys', text: `${QPS_REQUEST}<ServiceRequest>${nest('data')}</ServiceRequest>\n` };
    case 'request: option profile body':
      return { name: `${levels} levels`, kind, languageId: 'qualys-request', extension: 'qualys', text: `${OP_REQUEST}${nest('OPTION_PROFILES')}\n` };
    case 'request: JSON body':
      return { name: `${levels} levels`, kind, languageId: 'qualys-request', extension: 'qualys', text: `${JSON_REQUEST}${'['.repeat(levels)}${']'.repeat(levels)}\n` };
    case 'request file':
    case 'http file':
      // Request files do not nest; the nearest thing is a request whose query nests variables.
      return { name: `${levels} levels`, kind, languageId: kind === 'http file' ? 'http' : 'qualys-request', extension: 'qualys', text: `GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids=${'{{'.repeat(levels)}x${'}}'.repeat(levels)}\n` };
  }
}

export const DOCUMENT_KINDS: readonly DocumentKind[] = ['option profile', 'QPS .xml', 'request file', 'request: QPS body', 'request: option profile body', 'request: JSON body', 'http file'];
