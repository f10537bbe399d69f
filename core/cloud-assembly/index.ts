/**
 * The synthesized template as ground truth, mapped back (docs/cdk.md, "The synthesized template"):
 * read a CDK app's `cdk.out` (never run anything), analyse its templates with the CloudFormation
 * engine, and place each finding on the construct, and where it can the prop, that created it.
 */
export { analyseAssembly, type AnalysedAssembly, type SynthFinding } from './analyse';
export { findApp, type CdkApp } from './app';
export type { CloudAssembly } from './assembly';
export { isInside, runAsync, runSync } from './io';
export { loadAssembly, loadAssemblySync } from './load';
export { mapAssembly, mergeInto, synthOf, type Mapped } from './merge';
export { sitesOf } from './sites';
export type { FileSites } from './site';
export { SourceIndex } from './source-index';
