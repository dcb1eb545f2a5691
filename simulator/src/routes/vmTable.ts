// The VM routes of issue 9 (host list detection, KnowledgeBase, scans, reports and templates, search
// lists), kept apart from table.ts so that families added side by side do not edit the same lines.
// The newer API versions Qualys serves for the detection list and the KnowledgeBase answer the same.
import { detectionRoute } from './detection';
import { knowledgeBaseRoute } from './knowledgeBase';
import { reportRoute, reportScheduleRoute, reportTemplateListRoute } from './report';
import { vmScanRoute } from './scan';
import { searchListRoute } from './searchList';
import type { Handler } from './types';

const FO = ['GET', 'POST'] as const;

export const VM_ROUTES: ReadonlyArray<readonly [string, { methods: readonly string[]; handler: Handler }]> = [
  ...['2.0', '3.0', '4.0', '5.0'].map((v) => [`/api/${v}/fo/asset/host/vm/detection`, { methods: FO, handler: detectionRoute }] as const),
  ...['2.0', '3.0', '4.0'].map((v) => [`/api/${v}/fo/knowledge_base/vuln`, { methods: FO, handler: knowledgeBaseRoute }] as const),
  ['/api/2.0/fo/scan', { methods: FO, handler: vmScanRoute }],
  ['/api/2.0/fo/report', { methods: FO, handler: reportRoute }],
  ['/api/2.0/fo/schedule/report', { methods: FO, handler: reportScheduleRoute }],
  ['/msp/report_template_list.php', { methods: FO, handler: reportTemplateListRoute }],
  ['/api/2.0/fo/qid/search_list/static', { methods: FO, handler: searchListRoute('static') }],
  ['/api/2.0/fo/qid/search_list/dynamic', { methods: FO, handler: searchListRoute('dynamic') }],
];
