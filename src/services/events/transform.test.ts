// Target input: Input, InputPath, and InputTransformer templates with AWS's quoting rules.
import { describe, expect, it } from 'vitest';
import { fillTemplate, inputProblem, renderInput } from './transform';

const event = {
  version: '0', id: 'e1', 'detail-type': 'Order', source: 'shop', account: '1', time: 't', region: 'r', resources: [],
  detail: { id: 'o-7', amount: 42, ok: true, tags: ['A', 'B'], customer: { name: 'ann', tier: 'gold' } },
};
const rule = { ruleArn: 'arn:aws:events:r:1:rule/x', ruleName: 'x', ingestionTime: '2024-01-01T00:00:00Z' };

describe('target input', () => {
  it('sends the event, a constant, or the selected part', () => {
    expect(JSON.parse(renderInput({ Id: 't' }, event, rule))).toEqual(event);
    expect(renderInput({ Id: 't', Input: '{"fixed":1}' }, event, rule)).toBe('{"fixed":1}');
    expect(JSON.parse(renderInput({ Id: 't', InputPath: '$.detail.customer' }, event, rule))).toEqual({ name: 'ann', tier: 'gold' });
    expect(renderInput({ Id: 't', InputPath: '$.detail.tags[1]' }, event, rule)).toBe('"B"');
  });

  it('fills a JSON template: values as JSON outside strings, as text inside them', () => {
    const out = renderInput({
      Id: 't', InputTransformer: {
        InputPathsMap: { id: '$.detail.id', amount: '$.detail.amount', c: '$.detail.customer', tags: '$.detail.tags', none: '$.detail.none' },
        InputTemplate: '{"order": <id>, "n": <amount>, "c": <c>, "text": "order <id> for <c> tagged <tags>", "none": <none>, "rule": <aws.events.rule-arn>}',
      },
    }, event, rule);
    expect(JSON.parse(out)).toEqual({
      order: 'o-7', n: 42, c: { name: 'ann', tier: 'gold' }, text: 'order o-7 for {name:ann,tier:gold} tagged [A,B]', none: '', rule: rule.ruleArn,
    });
  });

  it('fills a string template and the predefined event placeholders', () => {
    const text = renderInput({ Id: 't', InputTransformer: { InputPathsMap: { ok: '$.detail.ok' }, InputTemplate: '"Command is <ok> in <aws.events.rule-name>"' } }, event, rule);
    expect(text).toBe('"Command is true in x"');
    const whole = JSON.parse(renderInput({ Id: 't', InputTransformer: { InputTemplate: '{"e": <aws.events.event>, "j": <aws.events.event.json>}' } }, event, rule));
    expect(whole.j).toEqual(event);
    expect(whole.e).toEqual({ version: '0', id: 'e1', detailType: 'Order', source: 'shop', account: '1', time: 't', region: 'r', resources: [] });
  });

  it('escapes quotes in text placed inside a string', () => {
    expect(fillTemplate('"say <q>"', () => 'a "b"')).toBe('"say a \\"b\\""');
  });

  it('checks a target at PutTargets with AWS messages', () => {
    expect(inputProblem({ Id: 't', Input: '{}', InputPath: '$' })).toBe('Only one of Input, InputPath, or InputTransformer must be provided for target t.');
    expect(inputProblem({ Id: 't', InputTransformer: { InputPathsMap: { a: '$.a' }, InputTemplate: '<a> <b>' } })).toBe('InputTemplate for target t contains invalid placeholder b.');
    expect(inputProblem({ Id: 't', Input: 'not json' })).toBe('Parameter Input is not valid.');
    expect(inputProblem({ Id: 't', InputPath: 'detail' })).toBe('Parameter InputPath is not valid.');
    expect(inputProblem({ Id: 't', InputTransformer: { InputPathsMap: { a: '$.a' }, InputTemplate: '{"a": <a>}' } })).toBeUndefined();
  });
});
