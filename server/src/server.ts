/**
 * The only file that knows LSP wiring. It routes each request to the DocumentService that accepts
 * the document and wraps every handler in runSafe, so a bug in a feature is logged and answered
 * with an empty result instead of taking the server down. Diagnostics run through validations.ts,
 * in slices that a newer version cancels.
 *
 * Started by the extension over IPC, or standalone: `node dist/server.js --stdio`.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, type DocumentService, type ServerSettings } from './documentService';
import { AccountHostsNotification, ConvertCurlRequest, DocumentTextRequest, OPEN_FROM_DISK_CAPABILITY, OpenFromDiskNotification, EnvironmentVariablesNotification, LiveValuesNotification, ResolveFileRequest, ResolveRequestRequest } from '../../protocol';
import { DiskOpens } from './diskOpen';
import { createServices } from './services';
import { runSafe, runSafeVoid, type Logger } from './util/runner';
import { Validations } from './validations';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  error: (message) => connection.console.error(message),
  info: (message) => connection.console.info(message),
};
const services: DocumentService[] = createServices(logger);
let supportsConfiguration = false;
let opensFromDisk = false;
const diskOpens = new DiskOpens(connection, {
  askText: (uri) => connection.sendRequest(DocumentTextRequest.type, { uri }),
  info: (message) => logger.info(message),
  prepare: (languageId) => {
    for (const service of services) service.prepare?.(languageId);
  },
});

function serviceFor(document: TextDocument | undefined): DocumentService | undefined {
  if (!document) return undefined;
  return services.find((service) => service.accepts(document));
}

connection.onInitialize((params): InitializeResult => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  // Only our own client asks for it (protocol/diskOpen.ts); another editor's opens are plain didOpen.
  opensFromDisk = (params.capabilities.experimental as Record<string, unknown> | undefined)?.[OPEN_FROM_DISK_CAPABILITY] === true;
  return {
    capabilities: {
      ...(opensFromDisk ? { experimental: { [OPEN_FROM_DISK_CAPABILITY]: true } } : {}),
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['<', '/', '>', '=', '&', '?', ' ', '"', '.', '{'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'qualys-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'qualys' });
  }
  void refreshSettings();
});

async function refreshSettings(): Promise<void> {
  let settings: ServerSettings = defaultSettings;
  if (supportsConfiguration) {
    try {
      const section = (await connection.workspace.getConfiguration('qualys')) as Partial<ServerSettings> | null;
      settings = { ...defaultSettings, ...(section ?? {}) };
    } catch (err) {
      logger.error(`could not read settings: ${String(err)}`);
    }
  }
  // A service may read files to take its settings (a user's schema): it does so without blocking,
  // documents are validated at once with what is in effect, and again once those reads are done.
  const loads: Promise<void>[] = [];
  for (const service of services) {
    runSafeVoid(
      logger,
      () => {
        const load = service.configure?.(settings);
        if (load) loads.push(load.catch((err: unknown) => logger.error(`configure ${service.id}: ${String(err)}`)));
      },
      `configure ${service.id}`,
    );
  }
  for (const document of documents.all()) void validations.validate(document);
  if (loads.length === 0) return;
  await Promise.all(loads);
  for (const document of documents.all()) void validations.validate(document);
}

connection.onDidChangeConfiguration(() => void refreshSettings());

const validations = new Validations({
  serviceFor,
  latest: (uri) => documents.get(uri),
  publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
  logger,
});

documents.onDidOpen((event) => void validations.validate(event.document));
documents.onDidChangeContent((event) => validations.schedule(event.document));
documents.onDidClose((event) => {
  validations.cancel(event.document.uri);
  for (const service of services) service.forget?.(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onCompletion((params, token) => {
  const document = documents.get(params.textDocument.uri);
  const service = serviceFor(document);
  if (!document || !service?.completion) return null;
  return runSafe(logger, () => service.completion!(document, params.position, token), null, 'completion', token);
});

connection.onHover((params, token) => {
  const document = documents.get(params.textDocument.uri);
  const service = serviceFor(document);
  if (!document || !service?.hover) return null;
  return runSafe(logger, () => service.hover!(document, params.position, token), null, 'hover', token);
});

connection.onCodeAction((params, token) => {
  const document = documents.get(params.textDocument.uri);
  const service = serviceFor(document);
  if (!document || !service?.codeActions) return [];
  return runSafe(logger, () => service.codeActions!(document, params.range, params.context, token), [], 'code actions', token);
});

connection.onDocumentSymbol((params, token) => {
  const document = documents.get(params.textDocument.uri);
  const service = serviceFor(document);
  if (!document || !service?.documentSymbols) return [];
  return runSafe(logger, () => service.documentSymbols!(document, token), [], 'document symbols', token);
});

connection.onFoldingRanges((params, token) => {
  const document = documents.get(params.textDocument.uri);
  const service = serviceFor(document);
  if (!document || !service?.foldingRanges) return [];
  return runSafe(logger, () => service.foldingRanges!(document, token), [], 'folding ranges', token);
});

connection.onCodeLens((params, token) => {
  const document = documents.get(params.textDocument.uri);
  const service = serviceFor(document);
  if (!document || !service?.codeLenses) return [];
  return runSafe(logger, () => service.codeLenses!(document, token), [], 'code lenses', token);
});

// Request files: the client asks for the request to send and pushes account values for completion.
connection.onRequest(ResolveRequestRequest.type, (params, token) => {
  const document = documents.get(params.uri);
  const service = serviceFor(document);
  if (!document || !service?.resolveRequest) return null;
  const at = params.name !== undefined ? { name: String(params.name) } : params.position ? { position: params.position } : {};
  return runSafe(logger, () => service.resolveRequest!(document, at), null, 'resolve request', token);
});

connection.onRequest(ResolveFileRequest.type, (params, token) => {
  const document = documents.get(params.uri);
  const service = serviceFor(document);
  if (!document || !service?.resolveFile) return null;
  return runSafe(logger, () => service.resolveFile!(document, params), null, 'resolve file', token);
});

connection.onNotification(LiveValuesNotification.type, (params) => {
  for (const service of services) if (service.updateLiveValues) runSafeVoid(logger, () => service.updateLiveValues!(params), `live values for ${service.id}`);
});

connection.onNotification(EnvironmentVariablesNotification.type, (params) => {
  for (const service of services) if (service.updateEnvironmentVariables) runSafeVoid(logger, () => service.updateEnvironmentVariables!(params), `environment variables for ${service.id}`);
});

connection.onNotification(AccountHostsNotification.type, (params) => {
  for (const service of services) if (service.updateAccountHosts) runSafeVoid(logger, () => service.updateAccountHosts!(params), `account hosts for ${service.id}`);
});

connection.onNotification(OpenFromDiskNotification.type, (params) => {
  if (opensFromDisk) void diskOpens.openFromDisk(params).catch((err: unknown) => logger.error(`open from disk: ${String(err)}`));
});

connection.onRequest(ConvertCurlRequest.type, (params, token) => {
  const service = services.find((s) => s.convertCurl);
  const fallback = { ok: false as const, message: 'The curl command could not be read.', start: 0, end: 0 };
  return runSafe(logger, () => service?.convertCurl!(String(params.text ?? '')) ?? fallback, fallback, 'convert curl', token);
});

documents.listen(diskOpens);
connection.listen();
