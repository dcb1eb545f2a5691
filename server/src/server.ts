/**
 * The only file that knows LSP wiring. It routes each request to the DocumentService that accepts
 * the document and wraps every handler in runSafe, so a bug in a feature is logged and answered
 * with an empty result instead of taking the server down.
 *
 * Started by the extension over IPC, or standalone: `node dist/server.js --stdio`.
 */
import {
  CancellationTokenSource,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, type DocumentService, type ServerSettings } from './documentService';
import { LiveValuesNotification } from './protocol/liveValues';
import { ResolveRequestRequest } from './protocol/resolveRequest';
import { ResolveFileRequest, type ResolvedFile } from './protocol/resolveFile';
import { RequestService } from './request/requestService';
import { resolveForSending } from './request/sendableRequest';
import { createServices } from './services';
import { runSafe, runSafeVoid, type Logger } from './util/runner';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  error: (message) => connection.console.error(message),
  info: (message) => connection.console.info(message),
};
const services: DocumentService[] = createServices(logger);
let supportsConfiguration = false;

function serviceFor(document: TextDocument | undefined): DocumentService | undefined {
  if (!document) return undefined;
  return services.find((service) => service.accepts(document));
}

connection.onInitialize((params): InitializeResult => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['<', '/', '>', '=', '&', '?', ' ', '"'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
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
  for (const document of documents.all()) validate(document);
  if (loads.length === 0) return;
  await Promise.all(loads);
  for (const document of documents.all()) validate(document);
}

connection.onDidChangeConfiguration(() => void refreshSettings());

// One cancellation source per document's running validation: a newer version or closing the
// document cancels it, and diagnostics computed for a stale version are never published.
const validations = new Map<string, CancellationTokenSource>();

function validate(document: TextDocument): void {
  validations.get(document.uri)?.cancel();
  const source = new CancellationTokenSource();
  validations.set(document.uri, source);
  const service = serviceFor(document);
  runSafeVoid(
    logger,
    () => {
      const diagnostics = service ? service.diagnostics(document, source.token) : [];
      if (source.token.isCancellationRequested) return;
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    },
    `diagnostics for ${document.uri}`,
  );
  if (validations.get(document.uri) === source) validations.delete(document.uri);
  source.dispose();
}

function cancelValidation(uri: string): void {
  validations.get(uri)?.cancel();
  validations.delete(uri);
}

// Diagnostics wait for a pause in typing so that a burst of keystrokes is validated once.
const pending = new Map<string, NodeJS.Timeout>();
const VALIDATION_DELAY_MS = 200;

function scheduleValidation(document: TextDocument): void {
  cancelValidation(document.uri);
  const previous = pending.get(document.uri);
  if (previous) clearTimeout(previous);
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      const latest = documents.get(document.uri);
      if (latest) validate(latest);
    }, VALIDATION_DELAY_MS),
  );
}

documents.onDidOpen((event) => validate(event.document));
documents.onDidChangeContent((event) => scheduleValidation(event.document));
documents.onDidClose((event) => {
  cancelValidation(event.document.uri);
  const timer = pending.get(event.document.uri);
  if (timer) clearTimeout(timer);
  pending.delete(event.document.uri);
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
  if (!document) return null;
  return runSafe(logger, () => resolveForSending(document.getText(), document.offsetAt(params.position)), null, 'resolve request', token);
});

connection.onRequest(ResolveFileRequest.type, (params, token) => {
  const document = documents.get(params.uri);
  const service = services.find((s): s is RequestService => s instanceof RequestService);
  if (!document || !service?.accepts(document)) return null;
  const requests = (): ResolvedFile['requests'] => (params.outline ? service.outlineRequests(document) : service.runnableRequests(document, params.indexes));
  return runSafe(logger, () => ({ uri: document.uri, version: document.version, requests: requests() }), null, 'resolve file', token);
});

connection.onNotification(LiveValuesNotification.type, (params) => {
  for (const service of services) if (service instanceof RequestService) runSafeVoid(logger, () => service.updateLiveValues(params), 'live values');
});

documents.listen(connection);
connection.listen();
