export * from './query-types';
export { parseQuery } from './parse/parse-query';
export { parseFilter, MAX_FILTER_DEPTH } from './parse/parse-filter';
export { rebuildBrackets } from './parse/rebuild-brackets';
export { compileRead, type CompileReadOptions } from './compile/compile-read';
export { DEFAULT_MAX_RELATIONAL_DEPTH } from './validate/read-scope';
