import type {
  CancellationToken,
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AccountHostsParams, ConvertCurlResult, EnvironmentVariablesParams, LiveValuesParams, ResolvedFile, ResolveFileParams, ResolvedRequest } from '../../protocol';
import type { Steps } from './common/steps';

/** Settings the client sends (section `qualys`); each service reads what concerns it. */
export interface ServerSettings {
  optionProfile: { schemaPath: string };
}

export const defaultSettings: ServerSettings = { optionProfile: { schemaPath: '' } };

/** Which request `qualys/resolveRequest` asks for: the one at a position, or the one with a `# @name`. */
export interface RequestLocation {
  readonly position?: Position;
  readonly name?: string;
}

/**
 * One kind of document the server understands (option profile XML, request files, ...).
 *
 * A service is pure: it takes a document and a position and returns LSP values. It never touches
 * the connection, the file system after `configure`, or the network. `server.ts` asks each
 * service in turn whether it `accepts` a document and routes every request to the first that does.
 *
 * Diagnostics are steps (common/steps.ts): the server runs them a slice at a time and yields to the
 * event loop in between, so requests are answered meanwhile and a newer version stops the run.
 * Requests (completion, hover, ...) run to the end once started: they are short, and the LSP token
 * they get cannot change while synchronous code runs.
 */
export interface DocumentService {
  readonly id: string;
  /** Whether this service handles the document (by language id and, for XML, by content). */
  accepts(document: TextDocument): boolean;
  /** Takes new settings; a returned promise settles when they are in effect (documents are then validated again). */
  configure?(settings: ServerSettings): void | Promise<void>;
  /** A large document of this language is being read from disk: load now what its first check needs. */
  prepare?(languageId: string): void;
  /** Forget cached state of a closed document. */
  forget?(uri: string): void;
  diagnosticSteps(document: TextDocument): Steps<Diagnostic[]>;
  /** Account values the client pushed (`qualys/liveValues`), for services that complete them. */
  updateLiveValues?(params: LiveValuesParams): void;
  /** The request at a position or with a name, resolved for sending (`qualys/resolveRequest`), for services of request files. */
  resolveRequest?(document: TextDocument, at: RequestLocation): ResolvedRequest | null;
  /** Every request of a file, resolved or outlined (`qualys/resolveFile`), for services of request files. */
  resolveFile?(document: TextDocument, params: ResolveFileParams): ResolvedFile | null;
  /** The environments' variables (`qualys/environmentVariables`): names, where defined, no secret's value. */
  updateEnvironmentVariables?(params: EnvironmentVariablesParams): void;
  /** The account's API and gateway origins (`qualys/accountHosts`), for services that convert curl commands. */
  updateAccountHosts?(params: AccountHostsParams): void;
  /** A curl command as a request (`qualys/convertCurl`), for services that convert them. */
  convertCurl?(text: string): ConvertCurlResult;
  completion?(document: TextDocument, position: Position, token: CancellationToken): CompletionList | null;
  hover?(document: TextDocument, position: Position, token: CancellationToken): Hover | null;
  codeActions?(document: TextDocument, range: Range, context: CodeActionContext, token: CancellationToken): CodeAction[];
  documentSymbols?(document: TextDocument, token: CancellationToken): DocumentSymbol[];
  foldingRanges?(document: TextDocument, token: CancellationToken): FoldingRange[];
  codeLenses?(document: TextDocument, token: CancellationToken): CodeLens[];
}
