/**
 * The client/server contract of the extension, imported by both sides: custom messages (one
 * namespace each, with its method, type and who sends it), the command the server's CodeLenses
 * run, and the data types they carry. Built on vscode-languageserver-protocol (types and message
 * declarations only), so the server library never lands in the client's bundles. Nothing here
 * imports client or server code.
 */
export * from './assertion';
export * from './liveValues';
export * from './resolveFile';
export * from './resolveRequest';
export * from './sendRequestCommand';
export * from './downloadAllPagesCommand';
export * from './curl';
export * from './environments';
export * from './diskOpen';
