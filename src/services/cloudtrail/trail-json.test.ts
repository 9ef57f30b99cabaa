// The text walk must write exactly what JSON.stringify writes of the object form, whatever a
// request or a handler hands it: values generated from real models, and the odd cases by hand.
import { describe, expect, it } from 'vitest';
import { loadModel, type ServiceModel } from '../../protocol/model';
import { trailJson, trailJsonText } from './trail-json';

const reference = (model: ServiceModel, shape: string | undefined, value: unknown, redact: string[] = []) =>
  JSON.stringify(trailJson(model, shape, value, redact));

/** A small deterministic generator (mulberry32), so a failure repeats. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_STRINGS = ['', 'plain', 'quote " and \\ backslash', 'line\nbreak\t', '\u0001\u001f', 'é ü 中文', '\ud83d\ude00', 'lone \ud800', '0', '__proto__'];

/** A value of a shape, as handlers and the protocol layer build them, with the odd member a model does not declare. */
function valueOf(model: ServiceModel, shapeName: string, random: () => number, depth = 0): unknown {
  const shape = model.shapes[shapeName];
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  if (random() < 0.05) return pick([undefined, null]);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const [name, ref] of Object.entries(shape.members ?? {})) if (random() < 0.6) out[name] = valueOf(model, ref.shape, random, depth + 1);
      if (random() < 0.1) out[pick(['Extra', 'extraField', 'X', '123'])] = pick(ODD_STRINGS);
      return out;
    }
    case 'list': return depth > 4 ? [] : Array.from({ length: Math.floor(random() * 3) }, () => valueOf(model, shape.member!.shape, random, depth + 1));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 3); i > 0; i--) out[pick(['Key', 'key', '2', '10', 'a b', 'Zed'])] = valueOf(model, shape.value!.shape, random, depth + 1);
      return out;
    }
    case 'timestamp': return new Date(1_700_000_000_000 + Math.floor(random() * 1e9));
    case 'blob': return Buffer.from('secret');
    case 'boolean': return random() < 0.5;
    case 'integer': case 'long': return pick([0, -1, 42, 2 ** 53, 1e21]);
    case 'double': case 'float': return pick([0.5, -0, 1e-7, NaN, Infinity]);
    default: return pick(ODD_STRINGS);
  }
}

describe('trailJsonText', () => {
  it('writes what the object form serializes to, for every operation of several models', () => {
    const random = rng(7);
    let compared = 0;
    for (const name of ['ec2', 'iam', 'sqs', 's3', 'ssm', 'kms']) {
      const model = loadModel(name);
      for (const op of Object.values(model.operations)) {
        for (const ref of [op.input, op.output]) {
          if (!ref) continue;
          const value = valueOf(model, ref.shape, random);
          const redact = random() < 0.2 ? ['Name', 'Value'] : [];
          expect(trailJsonText(model, ref.shape, value, redact), `${name} ${op.name} ${ref.shape}`).toBe(reference(model, ref.shape, value, redact));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('matches on the odd cases: keys that collide or vanish, values JSON.stringify treats its own way', () => {
    const model = loadModel('ec2');
    const shape = 'RunInstancesRequest';
    const cases: unknown[] = [
      { ImageId: 'ami-1', imageId: 'ami-2' }, // two keys, one camelCase name
      { Extra: 1, extra: 2 },
      { '\u212Aey': 'kelvin', Key: 'k' }, // different letters that lowercase alike
      JSON.parse('{"__proto__": {"a": 1}, "ImageId": "ami-1"}'),
      JSON.parse('{"__proto__": "x"}'),
      { ImageId: () => 1, MaxCount: 1 },
      { ImageId: Symbol('s') },
      [1, , 3], // eslint-disable-line no-sparse-arrays
      { TagSpecifications: [{ Tags: [{ Key: 'a', Value: undefined }] }] },
      { ImageId: new String('boxed') }, // eslint-disable-line no-new-wrappers
      Object.assign(Object.create({ Inherited: 'no' }), { ImageId: 'own' }),
      { ImageId: { toJSON: () => 'custom' } },
      { UserData: 'sensitive?' },
      new Date(0),
      'top-level',
      42,
      null,
      undefined,
    ];
    for (const value of cases) expect(trailJsonText(model, shape, value), String(JSON.stringify(value))).toBe(reference(model, shape, value));
    expect(trailJsonText(model, undefined, { Foo: 1, foo: 2 })).toBe(reference(model, undefined, { Foo: 1, foo: 2 }));
  });

  it('still throws where the object form throws', () => {
    const model = loadModel('ec2');
    expect(() => trailJsonText(model, undefined, { n: 1n })).toThrow(TypeError);
    expect(() => trailJsonText(model, undefined, { at: new Date(NaN) })).toThrow(RangeError);
  });
});
