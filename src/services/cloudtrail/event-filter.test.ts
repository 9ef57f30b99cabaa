// Which events a trail's selectors take.
import { describe, expect, it } from 'vitest';
import { selectsEvent } from './event-filter';
import { DEFAULT_SELECTORS } from './views';

const read = { readOnly: true, eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity' };
const write = { readOnly: false, eventSource: 'kms.amazonaws.com', eventName: 'CreateKey' };
const iam = { readOnly: false, eventSource: 'iam.amazonaws.com', eventName: 'CreateRole' };
const globalOn = { IncludeGlobalServiceEvents: true };

describe('selectsEvent', () => {
  it('takes every management event by default', () => {
    for (const e of [read, write, iam]) expect(selectsEvent(DEFAULT_SELECTORS, globalOn, e)).toBe(true);
  });

  it('applies ReadWriteType, IncludeManagementEvents and excluded sources', () => {
    const only = (s: object) => ({ EventSelectors: [s] });
    expect(selectsEvent(only({ ReadWriteType: 'WriteOnly' }), globalOn, read)).toBe(false);
    expect(selectsEvent(only({ ReadWriteType: 'WriteOnly' }), globalOn, write)).toBe(true);
    expect(selectsEvent(only({ ReadWriteType: 'ReadOnly' }), globalOn, read)).toBe(true);
    expect(selectsEvent(only({ ReadWriteType: 'All', IncludeManagementEvents: false }), globalOn, read)).toBe(false);
    expect(selectsEvent(only({ ExcludeManagementEventSources: ['kms.amazonaws.com'] }), globalOn, write)).toBe(false);
  });

  it('leaves out global service events when the trail does not include them', () => {
    expect(selectsEvent(DEFAULT_SELECTORS, { IncludeGlobalServiceEvents: false }, iam)).toBe(false);
    expect(selectsEvent(DEFAULT_SELECTORS, { IncludeGlobalServiceEvents: false }, read)).toBe(true);
  });

  it('evaluates advanced selectors: fields ANDed, selectors ORed', () => {
    const writesOnly = { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }] };
    expect(selectsEvent(writesOnly, globalOn, write)).toBe(true);
    expect(selectsEvent(writesOnly, globalOn, read)).toBe(false);
    const notKms = { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] }] };
    expect(selectsEvent(notKms, globalOn, write)).toBe(false);
    expect(selectsEvent(notKms, globalOn, read)).toBe(true);
    const dataOnly = { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }] };
    expect(selectsEvent(dataOnly, globalOn, write)).toBe(false);
  });
});
