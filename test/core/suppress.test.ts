import * as assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { analyze } from '../../core/engine';
import { Rule, SUPPRESSION_EXPIRED_ID, SUPPRESSION_RULE_ID } from '../../core/rule';
import { iamNoUser } from '../../rules/long-term-credentials/iam-no-user';
import { rdsStorageEncrypted } from '../../rules/encryption-at-rest/rds-storage-encrypted';
import { ebsVolumeEncrypted } from '../../rules/encryption-at-rest/ebs-volume-encrypted';
import { s3BucketAccessLogging } from '../../rules/logging-monitoring/s3-bucket-access-logging';
import { iamNoWildcardAction } from '../../rules/least-privilege/iam-no-wildcard-action';

/** A rule with a cfn-lint equivalent, since none of the first rules has one. */
const lintable: Rule = {
  meta: { ...iamNoUser.meta, id: 'fake-lintable', equivalents: { cfnLint: ['W9999'] } },
  template(t, ctx) {
    for (const r of t.byType.get('AWS::IAM::User') ?? []) ctx.report({ node: r.keyNode, resource: r, message: 'user' });
  },
};

function findings(text: string, rules: Rule[], uri = 'file:///s.yaml') {
  const res = analyze(parseDocument(uri, 1, text), rules);
  return { ids: res.findings.map((f) => `${f.ruleId}:${f.resource}`), problems: res.problems };
}

const USERS = (a: string, b: string) => `Resources:\n${a}  Alice:\n    Type: AWS::IAM::User\n${b}  Bob:\n    Type: AWS::IAM::User\n`;

describe('core: suppressions', () => {
  it('without suppressions both users are reported', () => {
    assert.deepEqual(findings(USERS('', ''), [iamNoUser]).ids, ['iam-no-user:Alice', 'iam-no-user:Bob']);
  });

  it('honours a comment on the line above the resource', () => {
    const r = findings(USERS('  # parapet-ignore iam-no-user: break-glass account, reviewed in SEC-12\n', ''), [iamNoUser]);
    assert.deepEqual(r.ids, ['iam-no-user:Bob']);
    assert.deepEqual(r.problems, []);
  });

  it('honours a trailing comment on the reported line', () => {
    const text =
      'Resources:\n  Alice: # parapet-ignore iam-no-user: legacy integration until Q3\n    Type: AWS::IAM::User\n  Bob:\n    Type: AWS::IAM::User\n';
    assert.deepEqual(findings(text, [iamNoUser]).ids, ['iam-no-user:Bob']);
  });

  it('honours a comment above a property for a finding on that property', () => {
    const text =
      'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      # parapet-ignore rds-storage-encrypted: scratch database with synthetic data\n      StorageEncrypted: false\n';
    assert.deepEqual(findings(text, [rdsStorageEncrypted]).ids, []);
  });

  it('honours a cdk-nag per-finding id (`AwsSolutions-IAM5[Action::s3:*]`) through its rule id, as in CDK source', () => {
    const policy = (id: string) =>
      'Resources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n' +
      `          - id: ${id}\n            reason: the deploy role manages every object of its own bucket\n` +
      '    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n' +
      '          - Effect: Allow\n            Action: s3:*\n            Resource: arn:aws:s3:::deploy-bucket/*\n';
    assert.deepEqual(findings(policy("'AwsSolutions-IAM5[Action::s3:*]'"), [iamNoWildcardAction]).ids, []);
    assert.deepEqual(
      findings(policy('AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AdministratorAccess]'), [iamNoWildcardAction]).ids,
      ['iam-no-wildcard-action:Policy'],
    );
  });

  it('honours a file-level suppression', () => {
    const r = findings(`# parapet-ignore-file iam-no-user: sandbox account template\n${USERS('', '')}`, [iamNoUser]);
    assert.deepEqual(r.ids, []);
  });

  it('does not honour a suppression without a reason, and reports it', () => {
    for (const comment of [
      '  # parapet-ignore iam-no-user\n',
      '  # parapet-ignore iam-no-user:\n',
      '  # parapet-ignore iam-no-user: TODO\n',
    ]) {
      const r = findings(USERS(comment, ''), [iamNoUser]);
      assert.deepEqual(r.ids, ['iam-no-user:Alice', 'iam-no-user:Bob'], comment);
      assert.deepEqual(
        r.problems.map((p) => p.code),
        [SUPPRESSION_RULE_ID],
        comment,
      );
    }
  });

  it('does not let a suppression of one rule hide another', () => {
    const r = findings(USERS('  # parapet-ignore iam-no-access-key: wrong rule on purpose\n', ''), [iamNoUser]);
    assert.deepEqual(r.ids, ['iam-no-user:Alice', 'iam-no-user:Bob']);
  });

  it('honours Metadata suppressions in JSON, and reports one without a reason', () => {
    const json = (reason: string) =>
      JSON.stringify(
        {
          Resources: {
            Alice: { Type: 'AWS::IAM::User', Metadata: { parapet: { ignore: [{ rule: 'iam-no-user', reason }] } } },
            Bob: { Type: 'AWS::IAM::User' },
          },
        },
        null,
        2,
      );
    assert.deepEqual(findings(json('service account for the on-premises backup job'), [iamNoUser], 'file:///s.json').ids, [
      'iam-no-user:Bob',
    ]);
    const r = findings(json(''), [iamNoUser], 'file:///s.json');
    assert.deepEqual(r.ids, ['iam-no-user:Alice', 'iam-no-user:Bob']);
    assert.deepEqual(
      r.problems.map((p) => p.code),
      [SUPPRESSION_RULE_ID],
    );
  });

  it('honours cfn_nag, checkov and cfn-lint suppressions of an equivalent rule', () => {
    const db = (meta: string) =>
      `Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Metadata:\n${meta}    Properties:\n      Engine: postgres\n`;
    const cfnNag = '      cfn_nag:\n        rules_to_suppress:\n          - id: F27\n            reason: scratch database\n';
    const checkov = '      checkov:\n        skip:\n          - id: CKV_AWS_16\n            comment: scratch database\n';
    const other = '      cfn_nag:\n        rules_to_suppress:\n          - id: F1\n            reason: another rule\n';
    assert.deepEqual(findings(db(cfnNag), [rdsStorageEncrypted]).ids, []);
    assert.deepEqual(findings(db(checkov), [rdsStorageEncrypted]).ids, []);
    assert.deepEqual(findings(db(other), [rdsStorageEncrypted]).ids, ['rds-storage-encrypted:Db']);
    const lint =
      'Resources:\n  Alice:\n    Type: AWS::IAM::User\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [W9999]\n  Bob:\n    Type: AWS::IAM::User\n';
    assert.deepEqual(findings(lint, [lintable]).ids, ['fake-lintable:Bob']);
  });

  it('honours CloudFormation Guard suppressions (Config rule names) without asking for a reason', () => {
    const vol = (ids: string) =>
      `Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Metadata:\n      guard:\n        SuppressedRules:\n${ids}    Properties:\n      Size: 5\n      Encrypted: false\n`;
    const r = findings(vol('          - EC2_EBS_ENCRYPTION_BY_DEFAULT\n          - ENCRYPTED_VOLUMES\n'), [ebsVolumeEncrypted]);
    assert.deepEqual(r.ids, []);
    assert.deepEqual(r.problems, [], 'Guard has no reason field: nothing to report');
    assert.deepEqual(findings(vol('          - S3_BUCKET_LOGGING_ENABLED\n'), [ebsVolumeEncrypted]).ids, ['ebs-volume-encrypted:Data']);
    const json = JSON.stringify({
      Resources: {
        Logs: { Type: 'AWS::S3::Bucket', Metadata: { guard: { SuppressedRules: ['S3_BUCKET_LOGGING_ENABLED'] } } },
        Other: { Type: 'AWS::S3::Bucket' },
      },
    });
    assert.deepEqual(findings(json, [s3BucketAccessLogging], 'file:///s.json').ids, ['s3-bucket-access-logging:Other']);
  });

  it('honours a cdk-nag pack-prefixed id through its suffix', () => {
    const text =
      'Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: AwsSolutions-RDS2\n            reason: dev cluster\n    Properties: {Engine: aurora-mysql}\n';
    assert.deepEqual(findings(text, [rdsStorageEncrypted]).ids, []);
  });

  describe('expiry: (until YYYY-MM-DD)', () => {
    const at = (text: string, today: string, uri = 'file:///s.yaml') => {
      const res = analyze(parseDocument(uri, 1, text), [iamNoUser, rdsStorageEncrypted], { today });
      return {
        ids: res.findings.map((f) => `${f.ruleId}:${f.resource}`),
        problems: res.problems.map((p) => ({ code: p.code, message: p.message, line: res.doc.lines.positionAt(p.start).line })),
        suppressed: res.suppressed.map((x) => `${x.finding.resource}:${x.suppression.reason}:${x.suppression.until}`),
      };
    };
    const comment = USERS('  # parapet-ignore iam-no-user: break-glass account (until 2027-03-31)\n', '');

    it('is honoured up to and including its date, with the date read off the reason', () => {
      for (const today of ['2026-12-07', '2027-03-31']) {
        const r = at(comment, today);
        assert.deepEqual(r.ids, ['iam-no-user:Bob'], today);
        assert.deepEqual(r.problems, [], today);
        assert.deepEqual(r.suppressed, ['Alice:break-glass account:2027-03-31'], today);
      }
    });

    it('after its date is reported, naming the rule and the date, and no longer honoured', () => {
      const r = at(comment, '2027-04-01');
      assert.deepEqual(r.ids, ['iam-no-user:Alice', 'iam-no-user:Bob']);
      assert.deepEqual(r.suppressed, []);
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0].code, SUPPRESSION_EXPIRED_ID);
      assert.equal(r.problems[0].line, 1);
      assert.match(r.problems[0].message, /iam-no-user expired on 2027-03-31/);
    });

    it('works in a trailing comment', () => {
      const text = 'Resources:\n  Alice: # parapet-ignore iam-no-user: legacy integration (until 2027-01-15)\n    Type: AWS::IAM::User\n';
      assert.deepEqual(at(text, '2027-01-15').ids, []);
      assert.deepEqual(at(text, '2027-01-16').ids, ['iam-no-user:Alice']);
    });

    it('an expiry that is no date is reported and not honoured', () => {
      for (const date of ['2027-02-30', 'next spring', '27-03-31']) {
        const r = at(USERS(`  # parapet-ignore iam-no-user: break-glass account (until ${date})\n`, ''), '2026-01-01');
        assert.deepEqual(r.ids, ['iam-no-user:Alice', 'iam-no-user:Bob'], date);
        assert.deepEqual(
          r.problems.map((p) => p.code),
          [SUPPRESSION_RULE_ID],
          date,
        );
      }
    });

    it('reads an until field in Metadata.parapet.ignore and a date at the end of a peer reason', () => {
      const json = JSON.stringify({
        Resources: {
          Alice: {
            Type: 'AWS::IAM::User',
            Metadata: { parapet: { ignore: [{ rule: 'iam-no-user', reason: 'backup job account', until: '2027-06-30' }] } },
          },
          Db: {
            Type: 'AWS::RDS::DBInstance',
            Metadata: { cfn_nag: { rules_to_suppress: [{ id: 'F27', reason: 'scratch database (until 2027-01-31)' }] } },
            Properties: { Engine: 'postgres' },
          },
        },
      });
      assert.deepEqual(at(json, '2027-01-31', 'file:///s.json').ids, []);
      const later = at(json, '2027-02-01', 'file:///s.json');
      assert.deepEqual(later.ids, ['rds-storage-encrypted:Db']);
      assert.deepEqual(
        later.problems.map((p) => p.code),
        [SUPPRESSION_EXPIRED_ID],
      );
      assert.deepEqual(at(json, '2027-07-01', 'file:///s.json').ids, ['iam-no-user:Alice', 'rds-storage-encrypted:Db']);
      const soon = JSON.stringify({
        Resources: {
          Alice: {
            Type: 'AWS::IAM::User',
            Metadata: { parapet: { ignore: [{ rule: 'iam-no-user', reason: 'backup job account', until: 'soon' }] } },
          },
        },
      });
      const r = at(soon, '2026-01-01', 'file:///s.json');
      assert.deepEqual(r.ids, ['iam-no-user:Alice']);
      assert.deepEqual(
        r.problems.map((p) => p.code),
        [SUPPRESSION_RULE_ID],
      );
    });

    it('takes today from the clock when no date is given', () => {
      const past = USERS('  # parapet-ignore iam-no-user: break-glass account (until 2001-01-01)\n', '');
      const res = analyze(parseDocument('file:///s.yaml', 1, past), [iamNoUser]);
      assert.deepEqual(
        res.problems.map((p) => p.code),
        [SUPPRESSION_EXPIRED_ID],
      );
    });
  });
});
