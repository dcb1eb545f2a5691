/**
 * What Send Request, Copy as curl and Download all pages load on their first use (the bundle dist/send.js): the exchange
 * (the one place that resolves and sends a request with its chain) and the plan.
 */
export { planChain, sendSteps } from './exchange/exchange';
export { confirmationMessage, planSend, secretsOf } from './sendPlan';
export { curlAt } from './copyAsCurl';
