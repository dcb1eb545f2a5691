// VM scans (/api/2.0/fo/scan/): launch answers a SIMPLE_RETURN with the scan's ID and REFERENCE
// (reference/qualys/dtd/simple_return.dtd; "New vm scan launched" as Qualys' API guide shows it), list
// answers SCAN_LIST_OUTPUT. Enough for a launch → status chain: a launched scan is Running the first
// time it is listed and Finished after that.
import { foError } from '../errors';
import { BOOL, checkParams, type ParamSpec } from '../params';
import { simpleReturn } from '../xml/simpleReturn';
import { XML_DECL, doctype, el, elc } from '../xml/writer';
import { xml, type Handler } from './types';

const LAUNCH_PARAMS: ParamSpec = {
  action: { required: true, values: ['launch'] },
  echo_request: { values: BOOL },
  scan_title: { type: 'text' },
  ip: { type: 'ips' },
  asset_groups: { type: 'text' },
  asset_group_ids: { type: 'ids' },
  option_id: { type: 'int' },
  option_title: { type: 'text' },
  iscanner_name: { type: 'text' },
  priority: { type: 'int' },
};

const LIST_PARAMS: ParamSpec = {
  action: { required: true, values: ['list'] },
  echo_request: { values: BOOL },
  scan_ref: { type: 'text' },
  state: { type: 'text' },
  show_status: { values: BOOL },
  show_ags: { values: BOOL },
  show_op: { values: BOOL },
};

export interface LaunchedScan {
  readonly id: number;
  readonly ref: string;
  readonly title: string;
  readonly target: string;
  readonly launched: string;
  listed: number;
}

/** Scans launched on this simulator, in order. */
export class ScanStore {
  readonly scans: LaunchedScan[] = [];
  private next = 1;

  launch(title: string, target: string, now: string): LaunchedScan {
    const id = 40000 + this.next;
    const scan = { id, ref: `scan/${1700000000 + this.next}.${id}`, title, target, launched: now, listed: 0 };
    this.next++;
    this.scans.push(scan);
    return scan;
  }
}

export const scanRoute: Handler = (ctx) => {
  const action = ctx.params.get('action');
  if (action === 'launch') {
    if (ctx.method !== 'POST') return foError(ctx, 1908, 'Request method (GET or POST) is incompatible with specified parameter(s): action=launch');
    const problem = checkParams(ctx.params, LAUNCH_PARAMS);
    if (problem) return foError(ctx, problem.code, problem.text);
    if (!ctx.params.has('option_id') && !ctx.params.has('option_title')) return foError(ctx, 1922, 'Please specify at least one of the following parameters: option_id, option_title');
    const target = ctx.params.get('ip') ?? ctx.params.get('asset_groups') ?? ctx.params.get('asset_group_ids') ?? '';
    if (!target) return foError(ctx, 1922, 'Please specify at least one of the following parameters: ip, asset_groups, asset_group_ids');
    const scan = ctx.state.scans.launch(ctx.params.get('scan_title') ?? `Scan of ${target}`, target, ctx.now);
    return xml(simpleReturn(ctx.base, ctx.now, { text: 'New vm scan launched', items: [{ key: 'ID', values: [String(scan.id)] }, { key: 'REFERENCE', values: [scan.ref] }] }));
  }
  const problem = checkParams(ctx.params, LIST_PARAMS);
  if (problem) return foError(ctx, problem.code, problem.text);
  const refs = ctx.params.get('scan_ref')?.split(',');
  const shown = ctx.state.scans.scans.filter((s) => !refs || refs.includes(s.ref));
  let s = XML_DECL + doctype('SCAN_LIST_OUTPUT', ctx.base, '/api/2.0/fo/scan/scan_list_output.dtd') + `<SCAN_LIST_OUTPUT>\n  <RESPONSE>\n    ${el('DATETIME', ctx.now)}\n`;
  if (shown.length > 0) {
    s += '    <SCAN_LIST>\n';
    for (const scan of shown) {
      const state = scan.listed === 0 ? 'Running' : 'Finished';
      scan.listed++;
      s += `      <SCAN>\n        ${el('ID', scan.id)}\n        ${el('REF', scan.ref)}\n        ${el('TYPE', 'API')}\n        ${elc('TITLE', scan.title)}\n        ${el('USER_LOGIN', ctx.user)}\n        ${el('LAUNCH_DATETIME', scan.launched)}\n        ${el('PROCESSED', state === 'Finished' ? 1 : 0)}\n        <STATUS>\n          ${el('STATE', state)}\n        </STATUS>\n        ${elc('TARGET', scan.target)}\n      </SCAN>\n`;
    }
    s += '    </SCAN_LIST>\n';
  }
  return xml(s + '  </RESPONSE>\n</SCAN_LIST_OUTPUT>\n');
};
