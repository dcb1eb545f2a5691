/** The sidebar's settings, read when a view is (re)built. */
import * as vscode from 'vscode';
import type { PostureSourceKind } from './posture/postureSource';

export interface SidebarSettings {
  readonly hostsPageSize: number;
  readonly postureSource: PostureSourceKind;
  readonly postureHostsPerPage: number;
  readonly rateLimitWarningPercent: number;
  readonly vulnerabilitiesHostsPerPage: number;
  readonly knowledgeBaseCacheBytes: number;
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

export function readSettings(): SidebarSettings {
  const config = vscode.workspace.getConfiguration('qualys');
  return {
    hostsPageSize: clamp(config.get('hosts.pageSize'), 1, 1000, 200),
    postureSource: config.get('posture.source') === 'pcrs' ? 'pcrs' : 'classic',
    postureHostsPerPage: clamp(config.get('posture.hostsPerPage'), 1, 1000, 50),
    rateLimitWarningPercent: clamp(config.get('statusBar.rateLimitWarningPercent'), 0, 100, 20),
    vulnerabilitiesHostsPerPage: clamp(config.get('vulnerabilities.hostsPerPage'), 1, 10_000, 1000),
    knowledgeBaseCacheBytes: clamp(config.get('knowledgeBase.cacheSizeMB'), 1, 1024, 32) * 1024 * 1024,
  };
}

/** Settings whose change rebuilds the views. */
export const VIEW_SETTINGS = ['qualys.hosts.pageSize', 'qualys.posture.source', 'qualys.posture.hostsPerPage', 'qualys.vulnerabilities.hostsPerPage'];
