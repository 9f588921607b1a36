/** The configuration of the API and of the worker, read from the environment with one set of rules. */
export * from './config.js';
