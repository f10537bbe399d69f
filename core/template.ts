import { get, isMap, MapNode, Node, pairOf, ScalarNode, stringValue, asList } from './nodes';

/** One entry of `Resources`. */
export interface Resource {
  id: string;
  type: string;
  /** The resource's whole mapping. */
  node: MapNode;
  /** The logical id key, where resource-level findings point. */
  keyNode: ScalarNode;
  properties: MapNode | undefined;
  metadata: MapNode | undefined;
}

/** One entry of `Parameters`. */
export interface Parameter {
  id: string;
  node: MapNode;
  keyNode: ScalarNode;
  type: string | undefined;
  default: Node | undefined;
  allowedValues: Node[] | undefined;
  noEcho: boolean;
}

/** A CloudFormation (or SAM) template, indexed once per parse. */
export interface Template {
  root: MapNode;
  sam: boolean;
  resources: Resource[];
  resourceById: Map<string, Resource>;
  parameters: Map<string, Parameter>;
  /** Resources by type, for rules that look for a partner resource. */
  byType: Map<string, Resource[]>;
}

/** True when the mapping looks like a CloudFormation template (AWS's own tools use this test). */
export function looksLikeTemplate(root: Node | undefined): root is MapNode {
  if (!isMap(root)) return false;
  if (pairOf(root, 'AWSTemplateFormatVersion')) return true;
  const res = get(root, 'Resources');
  if (!isMap(res)) return false;
  return res.pairs.some((p) => {
    const t = stringValue(get(p.value, 'Type'));
    return t !== undefined && /^(AWS|Custom|Alexa)::/.test(t);
  });
}

/** Indexes a template's resources and parameters. */
export function buildTemplate(root: MapNode): Template {
  const resources: Resource[] = [];
  const resourceById = new Map<string, Resource>();
  const byType = new Map<string, Resource[]>();
  const res = get(root, 'Resources');
  if (isMap(res)) {
    for (const p of res.pairs) {
      if (!isMap(p.value)) continue;
      const type = stringValue(get(p.value, 'Type'));
      if (type === undefined) continue;
      const props = get(p.value, 'Properties');
      const meta = get(p.value, 'Metadata');
      const r: Resource = {
        id: String(p.key.value),
        type,
        node: p.value,
        keyNode: p.key,
        properties: isMap(props) ? props : undefined,
        metadata: isMap(meta) ? meta : undefined,
      };
      resources.push(r);
      resourceById.set(r.id, r);
      const list = byType.get(type);
      if (list) list.push(r);
      else byType.set(type, [r]);
    }
  }
  const parameters = new Map<string, Parameter>();
  const params = get(root, 'Parameters');
  if (isMap(params)) {
    for (const p of params.pairs) {
      if (!isMap(p.value)) continue;
      const allowed = get(p.value, 'AllowedValues');
      const noEcho = get(p.value, 'NoEcho');
      parameters.set(String(p.key.value), {
        id: String(p.key.value),
        node: p.value,
        keyNode: p.key,
        type: stringValue(get(p.value, 'Type')),
        default: get(p.value, 'Default'),
        allowedValues: allowed ? asList(allowed) : undefined,
        noEcho: noEcho?.kind === 'scalar' && (noEcho.value === true || String(noEcho.value).toLowerCase() === 'true'),
      });
    }
  }
  const transform = get(root, 'Transform');
  const sam =
    asList(transform).some((t) => stringValue(t)?.startsWith('AWS::Serverless')) ||
    resources.some((r) => r.type.startsWith('AWS::Serverless::'));
  return { root, sam, resources, resourceById, parameters, byType };
}
