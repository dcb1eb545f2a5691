/**
 * What Send Request, Copy as curl, Download all pages and Run All load on their first use (the bundle dist/send.js): the exchange
 * (the one place that resolves and sends a request with its chain), the plan, and the assertions' evaluator (here so that
 * chained references and assertions share the one XPath worker host, ../xpathHost.ts, which lives in this bundle only).
 */
export { planChain, sendSteps } from './exchange/exchange';
export { confirmationMessage, planSend, secretsOf } from './sendPlan';
export { curlAt } from './copyAsCurl';
export { assertionEvaluator } from '../runner/workerEvaluator';
