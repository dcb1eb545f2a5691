import type { DocumentService } from './documentService';
import { createOptionProfileService } from './optionProfile';
import { parseWorkerMode } from './optionProfile/parseWorkerHost';
import { QpsService } from './qps/qpsService';
import { RequestService } from './request/requestService';
import type { Logger } from './util/runner';

/**
 * The document services the server routes to, in order: the first whose `accepts` returns true
 * for a document handles it. Each feature area registers its service here.
 */
export function createServices(logger: Logger): DocumentService[] {
  return [
    // QUALYS_PARSE_WORKER=off|lazy|eager: whether a second thread takes half of a large document's first parse.
    createOptionProfileService(logger, parseWorkerMode(process.env.QUALYS_PARSE_WORKER, 'lazy')),
    new RequestService(),
    new QpsService(),
  ];
}
