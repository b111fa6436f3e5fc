export { compileFilter, type CompiledFilter, type FilterPropertyType, type FilterTerm, type FilterSchema } from './compile';
export { parseFilter } from './parser';
export { ODataFilterError, type FilterErrorCode, type FilterExpression, type LiteralValue } from './syntax';
