// Which recorded events a trail delivers: its event selectors (basic or advanced) and whether it
// takes global service events. kanri records management events only, so data selectors match none.
import type { Selectors, TrailConfig } from './store-trails';

export interface FilterableEvent { readOnly: boolean; eventSource: string; eventName: string }

interface EventSelector { ReadWriteType?: string; IncludeManagementEvents?: boolean; ExcludeManagementEventSources?: string[] }
interface FieldSelector {
  Field: string; Equals?: string[]; StartsWith?: string[]; EndsWith?: string[]; NotEquals?: string[]; NotStartsWith?: string[]; NotEndsWith?: string[];
}
interface AdvancedSelector { FieldSelectors: FieldSelector[] }

/** Services whose events AWS logs as global (in us-east-1) and leaves out when IncludeGlobalServiceEvents is false. */
const GLOBAL_SOURCES = new Set(['iam.amazonaws.com', 'cloudfront.amazonaws.com', 'route53.amazonaws.com', 'organizations.amazonaws.com']);

function basicSelects(s: EventSelector, e: FilterableEvent): boolean {
  if (s.IncludeManagementEvents === false) return false;
  if (s.ExcludeManagementEventSources?.includes(e.eventSource)) return false;
  const rw = s.ReadWriteType ?? 'All';
  return rw === 'All' || (rw === 'ReadOnly') === e.readOnly;
}

function fieldValue(field: string, e: FilterableEvent): string | undefined {
  switch (field) {
    case 'eventCategory': return 'Management';
    case 'eventType': return 'AwsApiCall';
    case 'readOnly': return String(e.readOnly);
    case 'eventSource': return e.eventSource;
    case 'eventName': return e.eventName;
    default: return undefined; // resources.*, errorCode...: fields of data events or not kept per event
  }
}

function fieldMatches(f: FieldSelector, e: FilterableEvent): boolean {
  const v = fieldValue(f.Field, e);
  const any = (list: string[] | undefined, test: (x: string) => boolean) => list === undefined || (v !== undefined && list.some(test));
  const none = (list: string[] | undefined, test: (x: string) => boolean) => list === undefined || v === undefined || !list.some(test);
  return any(f.Equals, (x) => v === x) && any(f.StartsWith, (x) => v!.startsWith(x)) && any(f.EndsWith, (x) => v!.endsWith(x))
    && none(f.NotEquals, (x) => v === x) && none(f.NotStartsWith, (x) => v!.startsWith(x)) && none(f.NotEndsWith, (x) => v!.endsWith(x));
}

export function selectsEvent(selectors: Selectors, config: Pick<TrailConfig, 'IncludeGlobalServiceEvents'>, e: FilterableEvent): boolean {
  if (!config.IncludeGlobalServiceEvents && GLOBAL_SOURCES.has(e.eventSource)) return false;
  if (selectors.AdvancedEventSelectors?.length) {
    return (selectors.AdvancedEventSelectors as AdvancedSelector[]).some((s) => s.FieldSelectors.every((f) => fieldMatches(f, e)));
  }
  return ((selectors.EventSelectors ?? []) as EventSelector[]).some((s) => basicSelects(s, e));
}
