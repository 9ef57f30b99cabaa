// The rules core the Config service uses: the catalogue, parameter validation, scope matching and
// the managed rule evaluators. Pure functions: no storage, no clock of their own.
export type { AccountFacts, ComplianceType, ConfigurationItem, Evaluation, ManagedRule, RuleContext } from './types';
export { RuleEvaluationError } from './types';
export { catalogue, catalogueRule, isChangeTriggered, isPeriodic, type CatalogueEntry, type CatalogueParameter } from './catalogue';
export { parseInputParameters, unknownSourceIdentifier, validateManagedRuleParameters } from './params';
export { inScope, scopeTypes, type RuleScope } from './scope';
export { evaluateAccount, evaluateChange, implementedRules, managedRule } from './registry';
export { indexItems, ruleContext } from './item-index';
