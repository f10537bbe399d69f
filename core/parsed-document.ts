import type { CdkModel } from './cdk/model';
import type { Node } from './nodes';
import type { DocumentProblem } from './parse/problems';
import type { LineIndex } from './positions';
import type { Template } from './template';

/** What a document is, decided by its content. */
export type DocumentKind = 'cfn' | 'policy' | 'cdk-ts' | 'cdk-py' | 'none';
export type Syntax = 'yaml' | 'json' | 'typescript' | 'python';

/** A document parsed once per (uri, version); every feature reuses it. */
export interface ParsedDocument {
  uri: string;
  version: number;
  text: string;
  syntax: Syntax;
  kind: DocumentKind;
  root: Node | undefined;
  template: Template | undefined;
  lines: LineIndex;
  problems: DocumentProblem[];
  /** YAML written with `!Ref`-style tags: fixes write intrinsics the same way. */
  usesShortTags: boolean;
  /** CDK source documents: the construct model the CDK analyzers built (core/cdk). */
  cdk?: CdkModel;
  /**
   * CDK source documents: resource key → the name findings report (the construct id as written, or the
   * construct that owns a resource it creates: a function for its role's policy). Keys not listed report as they are.
   */
  resourceNames?: ReadonlyMap<string, string>;
}

/** The name a message gives a resource: its logical id, or in CDK source the construct id as written. */
export function resourceName(doc: Pick<ParsedDocument, 'resourceNames'>, logicalId: string): string {
  return doc.resourceNames?.get(logicalId) ?? logicalId;
}
