// SIMPLE_RETURN, BATCH_RETURN and HOST_UPDATE_OUTPUT: the small envelopes Qualys uses for errors and for
// calls that change data (shapes from reference/qualys/dtd/simple_return.dtd and the seeds' samples).
import { XML_DECL, doctype, el, escapeText } from './writer';

export interface SimpleItem { key: string; values: string[] }

export function simpleReturn(
  base: string,
  datetime: string,
  r: { code?: number | string; text: string; items?: SimpleItem[] },
): string {
  const items = r.items && r.items.length > 0
    ? `    <ITEM_LIST>\n${r.items.map((i) => `      <ITEM>\n        ${el('KEY', i.key)}\n${i.values.map((v) => `        ${el('VALUE', v)}\n`).join('')}      </ITEM>\n`).join('')}    </ITEM_LIST>\n`
    : '';
  return (
    XML_DECL +
    doctype('SIMPLE_RETURN', base, '/api/2.0/simple_return.dtd') +
    '<SIMPLE_RETURN>\n  <RESPONSE>\n' +
    `    ${el('DATETIME', datetime)}\n` +
    (r.code !== undefined ? `    ${el('CODE', r.code)}\n` : '') +
    `    <TEXT>${escapeText(r.text)}</TEXT>\n` +
    items +
    '  </RESPONSE>\n</SIMPLE_RETURN>\n'
  );
}

export interface Batch { code?: number; text: string; ids: number[] }

/** BATCH_RETURN (auth record create/update, host purge); `dtdPath` differs per API. */
export function batchReturn(base: string, datetime: string, batches: Batch[], dtdPath = '/api/2.0/batch_return.dtd'): string {
  const body = batches
    .map(
      (b) =>
        '      <BATCH>\n' +
        (b.code !== undefined ? `        ${el('CODE', b.code)}\n` : '') +
        `        ${el('TEXT', b.text)}\n` +
        (b.ids.length > 0 ? `        <ID_SET>\n${b.ids.map((id) => `          ${el('ID', id)}\n`).join('')}        </ID_SET>\n` : '') +
        '      </BATCH>\n',
    )
    .join('');
  return (
    XML_DECL +
    doctype('BATCH_RETURN', base, dtdPath) +
    '<BATCH_RETURN>\n  <RESPONSE>\n' +
    `    ${el('DATETIME', datetime)}\n` +
    `    <BATCH_LIST>\n${body}    </BATCH_LIST>\n` +
    '  </RESPONSE>\n</BATCH_RETURN>\n'
  );
}

/** HOST_UPDATE_OUTPUT. The seed's samples print `<!DOCTYPE HOST_LIST_OUTPUT ...>` (a Qualys quirk); the root
 *  is named correctly here so the document validates against the update DTD. */
export function hostUpdateOutput(base: string, datetime: string, r: { code?: number; text: string }): string {
  return (
    XML_DECL +
    doctype('HOST_UPDATE_OUTPUT', base, '/api/2.0/fo/asset/host/dtd/update/output.dtd') +
    '<HOST_UPDATE_OUTPUT>\n  <RESPONSE>\n' +
    `    ${el('DATETIME', datetime)}\n` +
    (r.code !== undefined ? `    ${el('CODE', r.code)}\n` : '') +
    `    ${el('TEXT', r.text)}\n` +
    '  </RESPONSE>\n</HOST_UPDATE_OUTPUT>\n'
  );
}
