// The query view of a json-native awsQueryCompatible model: the same shapes with the wire names
// its former query model used (wire-quirks.ts), so the query codec reads and writes them as before.
import type { MemberRef, ServiceModel, Shape } from './model';
import { QUERY_COMPAT_NAMES } from './wire-quirks';

const views = new WeakMap<ServiceModel, ServiceModel>();

export function queryView(model: ServiceModel): ServiceModel {
  const names = model.metadata.protocol !== 'query' ? QUERY_COMPAT_NAMES[model.name] : undefined;
  if (!names) return model;
  let view = views.get(model);
  if (view) return view;
  const shapes: Record<string, Shape> = { ...model.shapes };
  for (const [name, member] of Object.entries(names.lists)) {
    if (shapes[name]) shapes[name] = { ...shapes[name], member: { ...shapes[name].member!, locationName: member } };
  }
  for (const [name, [key, value]] of Object.entries(names.maps)) {
    if (shapes[name]) shapes[name] = { ...shapes[name], key: { ...shapes[name].key!, locationName: key }, value: { ...shapes[name].value!, locationName: value } };
  }
  for (const [name, shape] of Object.entries(shapes)) {
    if (shape.type !== 'structure') continue;
    const members: Record<string, MemberRef> = {};
    let changed = false;
    for (const [m, ref] of Object.entries(shape.members ?? {})) {
      const target = shapes[ref.shape];
      // A flattened list is named by its member's name, as botocore's query serializer does.
      const renamed = names.members[name]?.[m] ?? (target?.type === 'list' && target.flattened ? target.member?.locationName : undefined);
      members[m] = renamed ? { ...ref, locationName: renamed } : ref;
      changed ||= !!renamed;
    }
    if (changed) shapes[name] = { ...shape, members };
  }
  view = { ...model, shapes, metadata: { ...model.metadata, xmlNamespace: names.xmlNamespace } };
  views.set(model, view);
  return view;
}
