import { RuleContext } from '../../core/rule';

/** Reports each finding at most once per node and message, so `Fn::If` branches that agree do not repeat. */
export class Reporter {
  private readonly seen = new Set<string>();
  constructor(private readonly ctx: RuleContext) {}

  /** `ctx.report`, unless the same message was already reported at the same node. */
  report(r: Parameters<RuleContext['report']>[0]): void {
    const key = `${r.node.start}:${r.node.end}:${r.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.ctx.report(r);
  }
}
