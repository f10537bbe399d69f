/** What a CDK fix writes, before it is rendered in the file's language and idiom (edits.ts renders it). */

/** A value a CDK fix writes. */
export type Code =
  | boolean
  | number
  | string
  | { enum: string; member: string }
  /** Static call: `fqn` is `aws-elasticloadbalancingv2.ListenerAction.redirect`; props become an object (TS) or keyword arguments (Python). */
  | { call: string; props?: Record<string, Code>; args?: Code[] }
  /** A new instance of a class that is not a construct: `new authorizers.HttpIamAuthorizer()`. */
  | { new: string; args?: Code[] }
  /** A new construct in the same scope: `new kms.Key(this, 'TopicKey', { … })`. */
  | { construct: string; id: string; props?: Record<string, Code> }
  /** `verbatim`: the keys are data (a policy document), written as given, never re-cased. */
  | { obj: Record<string, Code>; verbatim?: boolean }
  | { arr: Code[] };
