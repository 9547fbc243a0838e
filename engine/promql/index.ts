/** The typed PromQL builder: every function that builds an expression, in one import. */
export * from './expr';
export * from './duration';
export * from './selector';
export * from './functions';
export * from './aggregations';
export * from './operators';
