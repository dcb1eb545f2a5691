/**
 * The Vulnerabilities view's pages from the API worker: the detection list grouped by QID a page of
 * hosts at a time, a QID's hosts, and a detection's details. Loaded with the view (it needs the API).
 */
import { detectionDetails, listQidGroupRows, listQidHostRows, type QualysClient } from '../../api';
import type { GroupPage, VulnSource } from './vulnerabilitiesRoot';

/** Hosts per page under a QID. */
const QID_HOSTS_PAGE = 200;

export function vulnSource(client: QualysClient, hostsPerPage: number): VulnSource {
  return {
    groups: (params, cursor, signal) => {
      const pages = listQidGroupRows(client, params, { pageSize: hostsPerPage, ...(cursor ? { cursor } : {}), signal });
      return {
        next: async () => {
          const step = await pages.next();
          if (step.done || !step.value.ok) return step as IteratorResult<never>;
          const { items, next, count } = step.value.value;
          const page: GroupPage = { items, hosts: count ?? 0, ...(next !== undefined ? { next } : {}) };
          return { done: false, value: { ok: true, value: page } };
        },
        return: async () => {
          await pages.return(undefined);
          return { done: true, value: undefined };
        },
      };
    },
    qidHosts: (params, cursor, signal) => listQidHostRows(client, params, { pageSize: QID_HOSTS_PAGE, ...(cursor ? { cursor } : {}), signal }),
    details: (d) => detectionDetails(client, { hostId: d.hostId, qid: d.qid, ...(d.uniqueId ? { uniqueId: d.uniqueId } : {}), ...(d.port ? { port: d.port } : {}) }),
  };
}
