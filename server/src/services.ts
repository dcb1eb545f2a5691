import type { DocumentService } from './documentService';
import { createOptionProfileService } from './optionProfile';
import { QpsService } from './qps/qpsService';
import { RequestService } from './request/requestService';
import type { Logger } from './util/runner';

/**
 * The document services the server routes to, in order: the first whose `accepts` returns true
 * for a document handles it. Each feature area registers its service here.
 */
export function createServices(logger: Logger): DocumentService[] {
  return [
    createOptionProfileService(logger),
    new RequestService(),
    new QpsService(),
  ];
}
