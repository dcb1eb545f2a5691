// Small helpers to write Qualys-shaped XML by hand: string building is the fastest way to produce
// 100,000 hosts, and Qualys' own layout (CDATA in some elements, not others) has to be chosen per element.

const NEEDS_ESCAPE = /[&<>]/;

export function escapeText(s: string): string {
  // Most values (IDs, dates, states) have nothing to escape: one test instead of three replaces.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** A CDATA section; a `]]>` inside the text is split across two sections so the document stays well-formed. */
export function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<NAME>escaped text</NAME>` */
export function el(name: string, text: string | number): string {
  return `<${name}>${escapeText(String(text))}</${name}>`;
}

/** `<NAME><![CDATA[text]]></NAME>` */
export function elc(name: string, text: string): string {
  return `<${name}>${cdata(text)}</${name}>`;
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" ?>\n';

/** The DOCTYPE line Qualys puts before the root, naming the DTD on the platform (never fetched by clients). */
export function doctype(root: string, baseUrl: string, dtdPath: string): string {
  return `<!DOCTYPE ${root} SYSTEM "${baseUrl}${dtdPath}">\n`;
}

/** The REQUEST element Qualys adds with echo_request=1 (DATETIME, USER_LOGIN, RESOURCE, PARAM_LIST). */
export function requestEcho(datetime: string, user: string, resource: string, params: Map<string, string>, indent = '  '): string {
  const list = [...params]
    .map(([k, v]) => `${indent}    <PARAM>\n${indent}      ${el('KEY', k)}\n${indent}      ${el('VALUE', k.toLowerCase().includes('password') ? '********' : v)}\n${indent}    </PARAM>\n`)
    .join('');
  return (
    `${indent}<REQUEST>\n${indent}  ${el('DATETIME', datetime)}\n${indent}  ${el('USER_LOGIN', user)}\n${indent}  ${el('RESOURCE', resource)}\n` +
    (list ? `${indent}  <PARAM_LIST>\n${list}${indent}  </PARAM_LIST>\n` : '') +
    `${indent}</REQUEST>\n`
  );
}
